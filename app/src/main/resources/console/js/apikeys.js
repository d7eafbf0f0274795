// API keys of integration accounts (admin): SiKesal sends complaints with one. Create, rotate (a new secret; the
// old one stops working at once), revoke. A secret is shown once, right after it is made, and never again.

import { api } from './api.js';
import { h, replace, message, time } from './dom.js';

export function renderApiKeys(main) {
  const rows = h('tbody', { id: 'api-key-rows' });
  const status = h('p', { class: 'msg', role: 'status', id: 'api-key-status' });
  const secret = h('div', { id: 'api-key-secret-box', class: 'card', hidden: true });
  const name = h('input', { id: 'new-api-key-name', placeholder: 'mis. sikesal', required: true });
  const form = h('form', { class: 'inline' }, h('label', {}, 'Nama ', name), h('button', { type: 'submit' }, 'Buat kunci'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      show(await api('POST', '/api/api-keys', { name: name.value.trim() }), 'dibuat');
      form.reset();
      load();
    } catch (e) {
      message(status, 'error', e.message);
    }
  });
  replace(main, h('h1', {}, 'Kunci API integrasi'),
    h('p', {}, 'Sistem lain (SiKesal) mengirim pengaduan dengan kunci ini: header Authorization: Bearer <kunci>. '
      + 'Kunci hanya dapat mengirim pengaduan.'),
    form, status, secret,
    h('table', {}, h('thead', {}, h('tr', {}, ['Nama', 'Awalan', 'Dibuat', 'Diganti', 'Keadaan', '']
      .map(t => h('th', {}, t)))), rows));

  function show(issued, what) {
    message(status, 'ok', `Kunci ${issued.key.name} ${what}.`);
    replace(secret, h('p', {}, 'Salin kunci ini sekarang; kunci tidak akan ditampilkan lagi:'),
      h('p', {}, h('code', { id: 'api-key-secret' }, issued.secret)));
    secret.hidden = false;
  }

  async function act(k, verb) {
    try {
      if (verb === 'rotate') {
        show(await api('POST', `/api/api-keys/${k.id}/rotate`), 'diganti; kunci lama tidak berlaku lagi');
      } else {
        if (!confirm(`Cabut kunci ${k.name}? Semua permintaan dengan kunci ini akan ditolak.`)) return;
        await api('POST', `/api/api-keys/${k.id}/revoke`);
        secret.hidden = true;
        message(status, 'ok', `Kunci ${k.name} dicabut.`);
      }
      load();
    } catch (e) {
      message(status, 'error', e.message);
    }
  }

  async function load() {
    try {
      const { items } = await api('GET', '/api/api-keys');
      replace(rows, items.length ? items.map(k => h('tr', { 'data-key': k.name },
        h('td', {}, k.name), h('td', {}, h('code', {}, k.key_prefix + '…')), h('td', {}, time(k.created_at)),
        h('td', {}, k.rotated_at ? time(k.rotated_at) : '—'), h('td', {}, k.revoked_at ? 'dicabut ' + time(k.revoked_at) : 'aktif'),
        h('td', {}, k.revoked_at ? null : [
          h('button', { type: 'button', onclick: () => act(k, 'rotate') }, 'Ganti kunci'),
          h('button', { type: 'button', onclick: () => act(k, 'revoke') }, 'Cabut')])))
        : [h('tr', {}, h('td', { colspan: 6 }, 'Belum ada kunci.'))]);
    } catch (e) {
      message(status, 'error', e.message);
    }
  }
  load();
}
