// Police review of violations (the back office's /api/violations) and the tickets issued from approved cases.

import { api, blobUrl } from './api.js';
import { h, replace, message, time } from './dom.js';
import { vehicle, approach, signal } from './words.js';

const CAPTION = { 'frame_before.jpg': 'Sebelum garis henti', 'frame_at.jpg': 'Saat melewati garis henti',
  'frame_after.jpg': 'Di dalam persimpangan', 'vehicle.jpg': 'Kendaraan', 'plate.jpg': 'Pelat nomor (resolusi asli)' };
const ACTION_LABEL = { 'violation.received': 'diterima', 'violation.claim': 'diklaim', 'violation.plate_correction': 'pelat dikoreksi',
  'violation.first_approval': 'disetujui (petugas pertama)', 'violation.approve': 'disetujui', 'violation.reject': 'ditolak',
  'evidence.view': 'bukti dilihat', 'ticket.issue': 'tilang terbit' };

/** A photo at its own resolution, scrollable, over the page; a click or Esc closes it. */
function zoom(url, name) {
  const dialog = h('dialog', { id: 'zoom', class: 'zoom' }, h('img', { src: url, alt: name }), h('p', {}, CAPTION[name] ?? name));
  dialog.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

const STATUS_LABEL = { pending: 'menunggu', awaiting_second_approval: 'menunggu petugas kedua', approved: 'disetujui', rejected: 'ditolak' };
const REASON_LABEL = {
  plate_unreadable: 'Pelat tidak terbaca', emergency_vehicle: 'Kendaraan darurat', signal_fault: 'Gangguan sinyal',
  not_a_violation: 'Bukan pelanggaran', duplicate: 'Duplikat', evidence_incomplete: 'Bukti tidak lengkap',
};

export function renderReview(main) {
  const list = h('tbody', { id: 'queue-rows' });
  const detail = h('section', { id: 'case', class: 'card' }, h('p', {}, 'Pilih kasus dari antrian.'));
  const status = h('p', { class: 'msg', role: 'status' });
  const urls = [];
  let reasons = [];
  let notice = null;
  const PAGE = 25;
  let offset = 0;
  const fCamera = h('input', { id: 'filter-camera', placeholder: 'kamera', size: 14 });
  const fPlate = h('input', { id: 'filter-plate', placeholder: 'pelat, mis. BH1234', size: 12 });
  const fDate = h('input', { id: 'filter-date', type: 'date' });
  const fStatus = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'terbuka'),
    Object.entries(STATUS_LABEL).map(([k, label]) => h('option', { value: k }, label)));
  const filters = h('form', { class: 'inline', id: 'queue-filters' }, fCamera, fPlate, fDate, fStatus,
    h('button', { type: 'submit' }, 'Saring'));
  filters.addEventListener('submit', ev => { ev.preventDefault(); offset = 0; loadQueue(); });
  const total = h('span', { id: 'queue-total' });
  const prev = h('button', { type: 'button', id: 'queue-prev', onclick: () => { offset = Math.max(0, offset - PAGE); loadQueue(); } }, '‹ Sebelumnya');
  const next = h('button', { type: 'button', id: 'queue-next', onclick: () => { offset += PAGE; loadQueue(); } }, 'Berikutnya ›');
  replace(main, h('h1', {}, 'Verifikasi pelanggaran'), status,
    h('div', { class: 'split' },
      h('section', {}, h('h2', {}, 'Antrian'), filters, h('table', {}, h('thead', {}, h('tr', {},
        ['No.', 'Kamera', 'Waktu', 'Jenis', 'Pelat', 'Skor', 'Status'].map(t => h('th', {}, t)))), list),
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
        h('td', {}, v.id), h('td', {}, v.camera), h('td', {}, time(v.time)), h('td', {}, v.type === 'red_light_violation' ? 'lampu merah' : v.type),
        h('td', {}, v.plate ?? '—'), h('td', {}, v.plate_score == null ? '—' : v.plate_score.toFixed(2)),
        h('td', {}, STATUS_LABEL[v.status] ?? v.status,
          items.some(o => near(o, v)) ? h('span', { class: 'hint', title: 'kamera dan waktu hampir sama dengan kasus lain' }, ' ⚠ mungkin sama') : null)))
        : [h('tr', {}, h('td', { colspan: 7 }, 'Antrian kosong.'))]);
      total.textContent = page.total === 0 ? '0 kasus' : `${page.offset + 1}–${page.offset + items.length} dari ${page.total} kasus`;
      prev.disabled = page.offset === 0;
      next.disabled = page.offset + items.length >= page.total;
    } catch (e) {
      message(status, 'error', 'Antrian tidak dapat dimuat: ' + e.message);
    }
  }

  async function open(id) {
    urls.splice(0).forEach(u => URL.revokeObjectURL(u));
    try {
      const [v, d] = await Promise.all([api('GET', '/api/violations/' + id), api('GET', `/api/violations/${id}/details`)]);
      const f = d.facts || {};
      const secs = x => x.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 2 }) + ' detik';
      const plate = h('input', { id: 'plate', value: v.plate ?? '', size: 14 });
      // no reason is preselected: a rejection names the officer's own choice
      const reason = h('select', { id: 'reason' }, h('option', { value: '', selected: true, disabled: true }, '— pilih alasan —'),
        reasons.map(r => h('option', { value: r }, REASON_LABEL[r] ?? r)));
      const closed = v.status === 'approved' || v.status === 'rejected';
      const caseMsg = h('p', { class: 'msg', role: 'status' });
      const photos = h('div', { class: 'photos' });
      // after an action the case is drawn again; the outcome is shown in the new drawing
      if (notice) { message(caseMsg, ...notice); notice = null; }
      const act = (label, fn) => h('button', { type: 'button', onclick: async () => {
        try { await fn(); notice = ['ok', label + ': berhasil.']; loadQueue(); open(id); }
        catch (e) { message(caseMsg, 'error', label + ' gagal: ' + e.message); }
      } }, label);
      replace(detail,
        h('h2', {}, `Kasus ${v.id} · ${v.camera}`),
        h('dl', {},
          h('dt', {}, 'Waktu'), h('dd', {}, time(v.time)),
          h('dt', {}, 'Lokasi'), h('dd', {}, v.location ?? '—'),
          h('dt', {}, 'Pendekat / kendaraan'), h('dd', {}, `${approach(v.approach)} / ${vehicle(v.class)}`),
          h('dt', {}, 'Pelat terbaca'), h('dd', {}, (v.plate_read ?? 'tidak terbaca') +
            (v.plate_score == null ? '' : ` (skor ${v.plate_score.toFixed(2)})`)),
          h('dt', {}, 'Status'), h('dd', {}, STATUS_LABEL[v.status] ?? v.status),
          h('dt', {}, 'Pelat dikoreksi'), h('dd', {}, v.plate_corrected ?? '—'),
          h('dt', {}, 'Diklaim oleh'), h('dd', { id: 'case-claimed' }, d.claimed_by_name ?? '—'),
          h('dt', {}, 'Bukti'), h('dd', {}, v.evidence_complete ? 'lengkap' : 'TIDAK LENGKAP: ' + (v.evidence_problems || []).join('; '))),
        h('h3', {}, 'Rincian pengukuran'),
        h('dl', { id: 'case-facts' },
          h('dt', {}, 'Lampu saat melintas'), h('dd', {}, signal(f.signal_state)),
          h('dt', {}, 'Waktu sejak merah'), h('dd', {}, f.time_into_red_s == null ? '—' : secs(f.time_into_red_s)),
          h('dt', {}, 'Lama lampu kuning'), h('dd', {}, f.amber_duration_s == null ? 'tidak terukur' : secs(f.amber_duration_s)),
          h('dt', {}, 'Kecepatan'), h('dd', {}, f.speed_kmh == null ? '—' : f.speed_kmh.toLocaleString('id-ID', { maximumFractionDigits: 1 }) + ' km/jam'),
          h('dt', {}, 'Versi konfigurasi kamera'), h('dd', {}, f.config_version ?? '—')),
        closed ? h('p', { class: 'msg info', id: 'case-closed' }, 'Kasus sudah diputus; tidak ada tindakan lagi.') :
        h('div', { class: 'actions' },
          act('Klaim', () => api('POST', `/api/violations/${id}/claim`)),
          h('label', {}, 'Koreksi pelat ', plate),
          act('Simpan pelat', () => api('PUT', `/api/violations/${id}/plate`, { plate: plate.value.trim() })),
          act('Setujui', () => api('POST', `/api/violations/${id}/approve`)),
          h('label', {}, 'Alasan tolak ', reason),
          act('Tolak', () => {
            if (!reason.value) throw new Error('pilih alasan penolakan dahulu');
            return api('POST', `/api/violations/${id}/reject`, { reason_code: reason.value });
          })),
        caseMsg,
        h('h3', {}, 'Foto bukti (klik untuk memperbesar)'),
        photos,
        h('h3', {}, 'Riwayat kasus'),
        h('ol', { id: 'case-history', class: 'small' }, (d.history || []).map(e =>
          h('li', {}, time(e.at), ' · ', e.actor, ' · ', ACTION_LABEL[e.action] ?? e.action))));
      for (const name of v.photos || []) {
        try {
          const url = await blobUrl(`/api/violations/${id}/evidence/${encodeURIComponent(name)}`);
          urls.push(url);
          photos.append(h('figure', {}, h('img', { src: url, alt: name, class: 'zoomable', onclick: () => zoom(url, name) }),
            h('figcaption', {}, CAPTION[name] ?? name)));
        } catch (e) {
          photos.append(h('p', { class: 'msg error' }, `${name}: ${e.message}`));
        }
      }
      // the signed clip (6 s before to 6 s after the crossing), played in the page
      try {
        const clip = await blobUrl(`/api/violations/${id}/evidence/clip.mp4`);
        urls.push(clip);
        photos.append(h('figure', {}, h('video', { id: 'evidence-clip', src: clip, controls: true, muted: true,
          playsinline: true, width: 480 }), h('figcaption', {}, 'Klip bukti (6 detik sebelum sampai 6 detik sesudah)')));
      } catch (e) {
        photos.append(h('p', { class: 'msg info' }, 'Klip bukti tidak tersedia: ' + e.message));
      }
    } catch (e) {
      replace(detail, h('p', { class: 'msg error' }, 'Kasus tidak dapat dibuka: ' + e.message));
    }
  }

  api('GET', '/api/reason-codes').then(r => { reasons = r.reason_codes; }).catch(() => {});
  loadQueue();
  const timer = setInterval(loadQueue, 10000);
  return () => { clearInterval(timer); urls.forEach(u => URL.revokeObjectURL(u)); };
}

const TICKET_LABEL = { awaiting_confirmation: 'menunggu konfirmasi', confirmed: 'dikonfirmasi', paid: 'dibayar',
  expired: 'kedaluwarsa', cancelled: 'dibatalkan' };
// the moves a ticket allows from each status (the back office refuses any other with 409)
const TICKET_NEXT = { awaiting_confirmation: [['confirmed', 'Konfirmasi'], ['cancelled', 'Batalkan']],
  confirmed: [['paid', 'Tandai dibayar'], ['cancelled', 'Batalkan']] };

export function renderTickets(main) {
  const rows = h('tbody', { id: 'ticket-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  replace(main, h('h1', {}, 'Tilang (surat konfirmasi)'), status,
    h('table', {}, h('thead', {}, h('tr', {}, ['Nomor', 'Pelat', 'Pasal', 'Status', 'Terbit', 'Batas konfirmasi', 'Surat', 'Tindakan']
      .map(t => h('th', {}, t)))), rows));

  async function move(t, next, label) {
    if (!confirm(`${label} tilang ${t.reference}?`)) return;
    try {
      await api('POST', `/api/tickets/${t.id}/status`, { status: next });
      message(status, 'ok', `Tilang ${t.reference}: ${TICKET_LABEL[next] ?? next}.`);
      load();
    } catch (e) {
      message(status, 'error', `Tilang ${t.reference}: ${e.message}`);
    }
  }

  function load() {
    api('GET', '/api/tickets').then(({ items }) => {
      replace(rows, items.length ? items.map(t => h('tr', { 'data-ticket': t.reference },
        h('td', {}, t.reference), h('td', {}, t.plate), h('td', { class: 'small' }, t.article),
        h('td', {}, TICKET_LABEL[t.status] ?? t.status),
        h('td', {}, time(t.issued_at)), h('td', {}, time(t.confirmation_deadline)),
        h('td', {}, h('button', { type: 'button', onclick: async () => window.open(await blobUrl(`/api/tickets/${t.id}/letter.pdf`)) },
          'Surat PDF')),
        h('td', {}, (TICKET_NEXT[t.status] || []).map(([next, label]) =>
          h('button', { type: 'button', 'data-next': next, onclick: () => move(t, next, label) }, label))))) :
        [h('tr', {}, h('td', { colspan: 8 }, 'Belum ada tilang.'))]);
    }).catch(e => message(status, 'error', 'Tilang tidak dapat dimuat: ' + e.message));
  }
  load();
}
