// Police review of violations (the back office's /api/violations) and the tickets issued from approved cases.

import { api, blobUrl } from './api.js';
import { h, replace, message, time } from './dom.js';
import { vehicle, approach } from './words.js';

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
  replace(main, h('h1', {}, 'Verifikasi pelanggaran'), status,
    h('div', { class: 'split' },
      h('section', {}, h('h2', {}, 'Antrian'), h('table', {}, h('thead', {}, h('tr', {},
        ['No.', 'Kamera', 'Waktu', 'Jenis', 'Pelat', 'Skor', 'Status'].map(t => h('th', {}, t)))), list)),
      detail));

  async function loadQueue() {
    try {
      const { items } = await api('GET', '/api/violations');
      replace(list, items.length ? items.map(v => h('tr', { class: 'clickable', 'data-case': v.id, onclick: () => open(v.id) },
        h('td', {}, v.id), h('td', {}, v.camera), h('td', {}, time(v.time)), h('td', {}, v.type === 'red_light_violation' ? 'lampu merah' : v.type),
        h('td', {}, v.plate ?? '—'), h('td', {}, v.plate_score == null ? '—' : v.plate_score.toFixed(2)),
        h('td', {}, STATUS_LABEL[v.status] ?? v.status))) : [h('tr', {}, h('td', { colspan: 7 }, 'Antrian kosong.'))]);
    } catch (e) {
      message(status, 'error', 'Antrian tidak dapat dimuat: ' + e.message);
    }
  }

  async function open(id) {
    urls.splice(0).forEach(u => URL.revokeObjectURL(u));
    try {
      const v = await api('GET', '/api/violations/' + id);
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
          h('dt', {}, 'Status'), h('dd', {}, STATUS_LABEL[v.status] ?? v.status)),
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
        h('h3', {}, 'Foto bukti'),
        photos);
      for (const name of v.photos || []) {
        try {
          const url = await blobUrl(`/api/violations/${id}/evidence/${encodeURIComponent(name)}`);
          urls.push(url);
          photos.append(h('figure', {}, h('img', { src: url, alt: name }), h('figcaption', {}, name)));
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
