// Police review of violations (the back office's /api/violations) and the tickets issued from approved cases.

import { api, blobUrl } from './api.js';
import { h, replace, message, time } from './dom.js';
import { vehicle, approach, signal } from './words.js';
import { tr, lang } from './i18n.js';

// functions, not tables: the words follow the language switch
const CAPTION = () => ({ 'frame_before.jpg': tr('Sebelum garis henti', 'Before the stop line'),
  'frame_at.jpg': tr('Saat melewati garis henti', 'Crossing the stop line'),
  'frame_after.jpg': tr('Di dalam persimpangan', 'Inside the junction'), 'vehicle.jpg': tr('Kendaraan', 'Vehicle'),
  'plate.jpg': tr('Pelat nomor (resolusi asli)', 'Number plate (full resolution)') });
const ACTION_LABEL = () => ({ 'violation.received': tr('diterima', 'received'), 'violation.claim': tr('diklaim', 'claimed'),
  'violation.plate_correction': tr('pelat dikoreksi', 'plate corrected'),
  'violation.first_approval': tr('disetujui (petugas pertama)', 'approved (first officer)'),
  'violation.approve': tr('disetujui', 'approved'), 'violation.reject': tr('ditolak', 'rejected'),
  'evidence.view': tr('bukti dilihat', 'evidence viewed'), 'ticket.issue': tr('tilang terbit', 'ticket issued') });

/** A photo at its own resolution, scrollable, over the page; a click or Esc closes it. */
function zoom(url, name) {
  const dialog = h('dialog', { id: 'zoom', class: 'zoom' }, h('img', { src: url, alt: name }), h('p', {}, CAPTION()[name] ?? name));
  dialog.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

const STATUS_LABEL = () => ({ pending: tr('menunggu', 'pending'),
  awaiting_second_approval: tr('menunggu petugas kedua', 'awaiting a second officer'),
  approved: tr('disetujui', 'approved'), rejected: tr('ditolak', 'rejected') });
const REASON_LABEL = () => ({
  plate_unreadable: tr('Pelat tidak terbaca', 'Plate unreadable'), emergency_vehicle: tr('Kendaraan darurat', 'Emergency vehicle'),
  signal_fault: tr('Gangguan sinyal', 'Signal fault'), not_a_violation: tr('Bukan pelanggaran', 'Not a violation'),
  duplicate: tr('Duplikat', 'Duplicate'), evidence_incomplete: tr('Bukti tidak lengkap', 'Evidence incomplete'),
});
const LOCALE = () => lang() === 'en' ? 'en-GB' : 'id-ID';

export function renderReview(main) {
  const list = h('tbody', { id: 'queue-rows' });
  const detail = h('section', { id: 'case', class: 'card' }, h('p', {}, tr('Pilih kasus dari antrian.', 'Pick a case from the queue.')));
  const status = h('p', { class: 'msg', role: 'status' });
  const urls = [];
  let reasons = [];
  let notice = null;
  const PAGE = 25;
  let offset = 0;
  const fCamera = h('input', { id: 'filter-camera', placeholder: tr('kamera', 'camera'), size: 14 });
  const fPlate = h('input', { id: 'filter-plate', placeholder: tr('pelat, mis. BH1234', 'plate, e.g. BH1234'), size: 12 });
  const fDate = h('input', { id: 'filter-date', type: 'date' });
  const fStatus = h('select', { id: 'filter-status' }, h('option', { value: '' }, tr('terbuka', 'open')),
    Object.entries(STATUS_LABEL()).map(([k, label]) => h('option', { value: k }, label)));
  const filters = h('form', { class: 'inline', id: 'queue-filters' }, fCamera, fPlate, fDate, fStatus,
    h('button', { type: 'submit' }, tr('Saring', 'Filter')));
  filters.addEventListener('submit', ev => { ev.preventDefault(); offset = 0; loadQueue(); });
  const total = h('span', { id: 'queue-total' });
  const prev = h('button', { type: 'button', id: 'queue-prev', onclick: () => { offset = Math.max(0, offset - PAGE); loadQueue(); } }, tr('‹ Sebelumnya', '‹ Previous'));
  const next = h('button', { type: 'button', id: 'queue-next', onclick: () => { offset += PAGE; loadQueue(); } }, tr('Berikutnya ›', 'Next ›'));
  replace(main, h('h1', {}, tr('Verifikasi pelanggaran', 'Violation review')), status,
    h('div', { class: 'split' },
      h('section', {}, h('h2', {}, tr('Antrian', 'Queue')), filters, h('table', {}, h('thead', {}, h('tr', {},
        [tr('No.', 'No.'), tr('Kamera', 'Camera'), tr('Waktu', 'Time'), tr('Jenis', 'Kind'), tr('Pelat', 'Plate'), tr('Skor', 'Score'), 'Status'].map(c => h('th', {}, c)))), list),
        h('p', { class: 'pager' }, prev, ' ', total, ' ', next)),
      detail));

  function query() {
    const q = new URLSearchParams({ limit: PAGE, offset });
    if (fCamera.value.trim()) q.set('camera', fCamera.value.trim());
    if (fPlate.value.trim()) q.set('plate', fPlate.value.trim());
    if (fStatus.value) q.set('status', fStatus.value);
    if (fDate.value) {   // the day in WIB
      q.set('from', fDate.value + 'T00:00:00+07:00');
      const d = new Date(fDate.value + 'T00:00:00+07:00');
      d.setUTCDate(d.getUTCDate() + 1);
      q.set('to', d.toISOString());
    }
    return q.toString();
  }

  async function loadQueue() {
    try {
      const page = await api('GET', '/api/violations?' + query());
      const items = page.items;
      // the same camera within 2 s of another case: maybe one vehicle and moment reported twice
      const near = (a, b) => a.id !== b.id && a.camera === b.camera && Math.abs(new Date(a.time) - new Date(b.time)) < 2000;
      replace(list, items.length ? items.map(v => h('tr', { class: 'clickable', 'data-case': v.id, onclick: () => open(v.id) },
        h('td', {}, v.id), h('td', {}, v.camera), h('td', {}, time(v.time)), h('td', {}, v.type === 'red_light_violation' ? tr('lampu merah', 'red light') : v.type),
        h('td', {}, v.plate ?? '—'), h('td', {}, v.plate_score == null ? '—' : v.plate_score.toFixed(2)),
        h('td', {}, STATUS_LABEL()[v.status] ?? v.status,
          items.some(o => near(o, v)) ? h('span', { class: 'hint', title: tr('kamera dan waktu hampir sama dengan kasus lain', 'same camera and nearly the same time as another case') }, tr(' ⚠ mungkin sama', ' ⚠ maybe the same')) : null)))
        : [h('tr', {}, h('td', { colspan: 7 }, tr('Antrian kosong.', 'The queue is empty.')))]);
      total.textContent = page.total === 0 ? tr('0 kasus', '0 cases') : `${page.offset + 1}–${page.offset + items.length} ${tr('dari', 'of')} ${page.total} ${tr('kasus', 'cases')}`;
      prev.disabled = page.offset === 0;
      next.disabled = page.offset + items.length >= page.total;
    } catch (e) {
      message(status, 'error', tr('Antrian tidak dapat dimuat: ', 'The queue cannot be loaded: ') + e.message);
    }
  }

  async function open(id) {
    urls.splice(0).forEach(u => URL.revokeObjectURL(u));
    try {
      const [v, d] = await Promise.all([api('GET', '/api/violations/' + id), api('GET', `/api/violations/${id}/details`)]);
      const f = d.facts || {};
      const secs = x => x.toLocaleString(LOCALE(), { minimumFractionDigits: 1, maximumFractionDigits: 2 }) + tr(' detik', ' s');
      const plate = h('input', { id: 'plate', value: v.plate ?? '', size: 14 });
      // no reason is preselected: a rejection names the officer's own choice
      const reason = h('select', { id: 'reason' }, h('option', { value: '', selected: true, disabled: true }, tr('— pilih alasan —', '— choose a reason —')),
        reasons.map(r => h('option', { value: r }, REASON_LABEL()[r] ?? r)));
      const closed = v.status === 'approved' || v.status === 'rejected';
      const caseMsg = h('p', { class: 'msg', role: 'status' });
      const photos = h('div', { class: 'photos' });
      // after an action the case is drawn again; the outcome is shown in the new drawing
      if (notice) { message(caseMsg, ...notice); notice = null; }
      const act = (label, fn) => h('button', { type: 'button', onclick: async () => {
        try { await fn(); notice = ['ok', label + tr(': berhasil.', ': done.')]; loadQueue(); open(id); }
        catch (e) { message(caseMsg, 'error', label + tr(' gagal: ', ' failed: ') + e.message); }
      } }, label);
      replace(detail,
        h('h2', {}, `${tr('Kasus', 'Case')} ${v.id} · ${v.camera}`),
        h('dl', {},
          h('dt', {}, tr('Waktu', 'Time')), h('dd', {}, time(v.time)),
          h('dt', {}, tr('Lokasi', 'Location')), h('dd', {}, v.location ?? '—'),
          h('dt', {}, tr('Pendekat / kendaraan', 'Approach / vehicle')), h('dd', {}, `${approach(v.approach)} / ${vehicle(v.class)}`),
          h('dt', {}, tr('Pelat terbaca', 'Plate read')), h('dd', {}, (v.plate_read ?? tr('tidak terbaca', 'unreadable')) +
            (v.plate_score == null ? '' : ` (${tr('skor', 'score')} ${v.plate_score.toFixed(2)})`)),
          h('dt', {}, 'Status'), h('dd', {}, STATUS_LABEL()[v.status] ?? v.status),
          h('dt', {}, tr('Pelat dikoreksi', 'Corrected plate')), h('dd', {}, v.plate_corrected ?? '—'),
          h('dt', {}, tr('Diklaim oleh', 'Claimed by')), h('dd', { id: 'case-claimed' }, d.claimed_by_name ?? '—'),
          h('dt', {}, tr('Bukti', 'Evidence')), h('dd', {}, v.evidence_complete ? tr('lengkap', 'complete') : tr('TIDAK LENGKAP: ', 'INCOMPLETE: ') + (v.evidence_problems || []).join('; '))),
        h('h3', {}, tr('Rincian pengukuran', 'Measured facts')),
        h('dl', { id: 'case-facts' },
          h('dt', {}, tr('Lampu saat melintas', 'Signal when crossing')), h('dd', {}, signal(f.signal_state)),
          h('dt', {}, tr('Waktu sejak merah', 'Time into red')), h('dd', {}, f.time_into_red_s == null ? '—' : secs(f.time_into_red_s)),
          h('dt', {}, tr('Lama lampu kuning', 'Amber duration')), h('dd', {}, f.amber_duration_s == null ? tr('tidak terukur', 'not measured') : secs(f.amber_duration_s)),
          h('dt', {}, tr('Kecepatan', 'Speed')), h('dd', {}, f.speed_kmh == null ? '—' : f.speed_kmh.toLocaleString(LOCALE(), { maximumFractionDigits: 1 }) + tr(' km/jam', ' km/h')),
          h('dt', {}, tr('Versi konfigurasi kamera', 'Camera configuration version')), h('dd', {}, f.config_version ?? '—')),
        closed ? h('p', { class: 'msg info', id: 'case-closed' }, tr('Kasus sudah diputus; tidak ada tindakan lagi.', 'The case is decided; no further actions.')) :
        h('div', { class: 'actions' },
          act(tr('Klaim', 'Claim'), () => api('POST', `/api/violations/${id}/claim`)),
          h('label', {}, tr('Koreksi pelat ', 'Correct plate '), plate),
          act(tr('Simpan pelat', 'Save plate'), () => api('PUT', `/api/violations/${id}/plate`, { plate: plate.value.trim() })),
          act(tr('Setujui', 'Approve'), () => api('POST', `/api/violations/${id}/approve`)),
          h('label', {}, tr('Alasan tolak ', 'Rejection reason '), reason),
          act(tr('Tolak', 'Reject'), () => {
            if (!reason.value) throw new Error(tr('pilih alasan penolakan dahulu', 'choose a rejection reason first'));
            return api('POST', `/api/violations/${id}/reject`, { reason_code: reason.value });
          })),
        caseMsg,
        h('h3', {}, tr('Foto bukti (klik untuk memperbesar)', 'Evidence photos (click to enlarge)')),
        photos,
        h('h3', {}, tr('Riwayat kasus', 'Case history')),
        h('ol', { id: 'case-history', class: 'small' }, (d.history || []).map(e =>
          h('li', {}, time(e.at), ' · ', e.actor, ' · ', ACTION_LABEL()[e.action] ?? e.action))));
      for (const name of v.photos || []) {
        try {
          const url = await blobUrl(`/api/violations/${id}/evidence/${encodeURIComponent(name)}`);
          urls.push(url);
          photos.append(h('figure', {}, h('img', { src: url, alt: name, class: 'zoomable', onclick: () => zoom(url, name) }),
            h('figcaption', {}, CAPTION()[name] ?? name)));
        } catch (e) {
          photos.append(h('p', { class: 'msg error' }, `${name}: ${e.message}`));
        }
      }
      // the signed clip (6 s before to 6 s after the crossing), played in the page
      try {
        const clip = await blobUrl(`/api/violations/${id}/evidence/clip.mp4`);
        urls.push(clip);
        photos.append(h('figure', {}, h('video', { id: 'evidence-clip', src: clip, controls: true, muted: true,
          playsinline: true, width: 480 }), h('figcaption', {}, tr('Klip bukti (6 detik sebelum sampai 6 detik sesudah)', 'Evidence clip (6 s before to 6 s after)'))));
      } catch (e) {
        photos.append(h('p', { class: 'msg info' }, tr('Klip bukti tidak tersedia: ', 'Evidence clip not available: ') + e.message));
      }
    } catch (e) {
      replace(detail, h('p', { class: 'msg error' }, tr('Kasus tidak dapat dibuka: ', 'The case cannot be opened: ') + e.message));
    }
  }

  api('GET', '/api/reason-codes').then(r => { reasons = r.reason_codes; }).catch(() => {});
  loadQueue();
  const timer = setInterval(loadQueue, 10000);
  return () => { clearInterval(timer); urls.forEach(u => URL.revokeObjectURL(u)); };
}

const TICKET_LABEL = () => ({ awaiting_confirmation: tr('menunggu konfirmasi', 'awaiting confirmation'),
  confirmed: tr('dikonfirmasi', 'confirmed'), paid: tr('dibayar', 'paid'), expired: tr('kedaluwarsa', 'expired'),
  cancelled: tr('dibatalkan', 'cancelled') });
// the moves a ticket allows from each status (the back office refuses any other with 409)
const TICKET_NEXT = () => ({ awaiting_confirmation: [['confirmed', tr('Konfirmasi', 'Confirm')], ['cancelled', tr('Batalkan', 'Cancel')]],
  confirmed: [['paid', tr('Tandai dibayar', 'Mark paid')], ['cancelled', tr('Batalkan', 'Cancel')]] });

export function renderTickets(main) {
  const rows = h('tbody', { id: 'ticket-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  replace(main, h('h1', {}, tr('Tilang (surat konfirmasi)', 'Tickets (confirmation letters)')), status,
    h('table', {}, h('thead', {}, h('tr', {}, [tr('Nomor', 'Number'), tr('Pelat', 'Plate'), tr('Pasal', 'Article'), 'Status', tr('Terbit', 'Issued'),
      tr('Batas konfirmasi', 'Confirm by'), tr('Surat', 'Letter'), tr('Tindakan', 'Actions')].map(c => h('th', {}, c)))), rows));

  async function move(t, next, label) {
    if (!confirm(`${label} ${tr('tilang', 'ticket')} ${t.reference}?`)) return;
    try {
      await api('POST', `/api/tickets/${t.id}/status`, { status: next });
      message(status, 'ok', `${tr('Tilang', 'Ticket')} ${t.reference}: ${TICKET_LABEL()[next] ?? next}.`);
      load();
    } catch (e) {
      message(status, 'error', `${tr('Tilang', 'Ticket')} ${t.reference}: ${e.message}`);
    }
  }

  function load() {
    api('GET', '/api/tickets').then(({ items }) => {
      replace(rows, items.length ? items.map(t => h('tr', { 'data-ticket': t.reference },
        h('td', {}, t.reference), h('td', {}, t.plate), h('td', { class: 'small' }, t.article),
        h('td', {}, TICKET_LABEL()[t.status] ?? t.status),
        h('td', {}, time(t.issued_at)), h('td', {}, time(t.confirmation_deadline)),
        h('td', {}, h('button', { type: 'button', onclick: async () => window.open(await blobUrl(`/api/tickets/${t.id}/letter.pdf`)) },
          tr('Surat PDF', 'PDF letter'))),
        h('td', {}, (TICKET_NEXT()[t.status] || []).map(([next, label]) =>
          h('button', { type: 'button', 'data-next': next, onclick: () => move(t, next, label) }, label))))) :
        [h('tr', {}, h('td', { colspan: 8 }, tr('Belum ada tilang.', 'No tickets yet.')))]);
    }).catch(e => message(status, 'error', tr('Tilang tidak dapat dimuat: ', 'Tickets cannot be loaded: ') + e.message));
  }
  load();
}
