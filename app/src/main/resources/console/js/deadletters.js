// Dead letters (operator, admin): violation events the back office kept instead of losing them, with the reason.
// Admins replay one once its cause is fixed, or close it with a note; /health says DEGRADED while any is open.

import { api, session } from './api.js';
import { h, replace, message, time } from './dom.js';

const KIND = { invalid: 'tidak sesuai format', refused: 'ditolak basis data' };

export function renderDeadLetters(main) {
  const rows = h('tbody', { id: 'dead-letter-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  const summary = h('p', { id: 'dead-letter-open' });
  const admin = session.get().user.role === 'admin';
  replace(main, h('h1', {}, 'Pesan pelanggaran gagal'),
    h('p', {}, 'Kejadian pelanggaran yang tidak bisa menjadi kasus disimpan di sini beserta alasannya; tidak ada yang hilang.'),
    summary, status,
    h('table', {}, h('thead', {}, h('tr', {}, ['Diterima', 'Jenis', 'Alasan', ''].map(t => h('th', {}, t)))), rows));

  async function act(path, body, done) {
    try { await api('POST', path, body); message(status, 'ok', done); load(); } catch (e) { message(status, 'error', e.message); }
  }

  async function load() {
    try {
      const { open, items } = await api('GET', '/api/dead-letters');
      summary.textContent = open === 0 ? 'Tidak ada pesan gagal yang terbuka.' : `${open} pesan gagal terbuka.`;
      replace(rows, items.map(d => h('tr', {},
        h('td', {}, time(d.received_at)), h('td', {}, KIND[d.kind] || d.kind), h('td', {}, d.error),
        h('td', {}, admin && h('button', { type: 'button', onclick: () => act(`/api/dead-letters/${d.id}/replay`, null,
          'Diproses ulang.') }, 'Proses ulang'),
        admin && h('button', { type: 'button', onclick: () => {
          const note = prompt('Alasan menutup pesan ini tanpa memproses ulang:');
          if (note) act(`/api/dead-letters/${d.id}/dismiss`, { note }, 'Ditutup.');
        } }, 'Tutup')))));
    } catch (e) {
      message(status, 'error', e.message);
    }
  }
  load();
}
