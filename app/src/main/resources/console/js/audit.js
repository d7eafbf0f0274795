// Audit trail (admin): the append-only, hash-chained record of who did what, its filters, and the check of the
// chain against the signed checkpoints kept outside the database.

import { api } from './api.js';
import { h, replace, message, time } from './dom.js';

const ENTITIES = { '': 'semua', violation: 'kasus', ticket: 'tilang', user: 'pengguna', camera_config: 'konfigurasi kamera',
  dead_letter: 'pesan gagal', complaint: 'pengaduan', api_key: 'kunci API' };
const PAGE = 100;

export function renderAudit(main) {
  const rows = h('tbody', { id: 'audit-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  const result = h('div', { id: 'audit-verify', class: 'card' });
  const entity = h('select', { id: 'audit-entity' }, Object.entries(ENTITIES).map(([k, v]) => h('option', { value: k }, v)));
  const entityId = h('input', { id: 'audit-entity-id', placeholder: 'id (mis. nomor kasus)', size: 14 });
  const form = h('form', { class: 'inline' }, h('label', {}, 'Jenis ', entity), entityId, h('button', { type: 'submit' }, 'Saring'));
  form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
  const verify = h('button', { type: 'button', id: 'audit-verify-button', onclick: check }, 'Periksa keutuhan jejak');
  replace(main, h('h1', {}, 'Jejak audit'), status, h('p', {}, verify), result, form,
    h('table', {}, h('thead', {}, h('tr', {}, ['No.', 'Waktu', 'Pelaku', 'Tindakan', 'Jenis', 'Id'].map(t => h('th', {}, t)))), rows));

  async function load() {
    const q = new URLSearchParams({ limit: PAGE });
    if (entity.value) q.set('entity', entity.value);
    if (entityId.value.trim()) q.set('entity_id', entityId.value.trim());
    try {
      const { items } = await api('GET', '/api/audit?' + q);
      replace(rows, items.length ? items.map(e => h('tr', {},
        h('td', {}, e.seq), h('td', {}, time(e.at)), h('td', {}, e.actor), h('td', {}, e.action),
        h('td', {}, ENTITIES[e.entity] ?? e.entity), h('td', {}, e.entity_id))) :
        [h('tr', {}, h('td', { colspan: 6 }, 'Tidak ada entri.'))]);
    } catch (e) {
      message(status, 'error', e.message);
    }
  }

  async function check() {
    try {
      const v = await api('GET', '/api/audit/verify');
      const c = v.checkpoints;
      replace(result,
        h('p', { class: 'msg ' + (v.ok ? 'ok' : 'error') }, v.ok
          ? `Jejak utuh: ${v.entries_checked} entri diperiksa.`
          : `JEJAK RUSAK: ${v.breaks.length} masalah ditemukan.`),
        c ? h('p', {}, c.anchored
          ? `Dijangkarkan: ${c.checked} titik periksa bertanda tangan diperiksa; terakhir #${c.latest_seq} (${time(c.latest_at)}), ${c.entries_after_latest ?? 0} entri sesudahnya belum dijangkarkan.`
          : 'Belum dijangkarkan: tidak ada titik periksa bertanda tangan di luar basis data.') : null,
        v.breaks.length ? h('ul', {}, v.breaks.map(b => h('li', {}, `#${b.seq}: ${b.problem}`))) : null);
    } catch (e) {
      message(status, 'error', e.message);
    }
  }

  load();
}
