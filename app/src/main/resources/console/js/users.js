// Accounts (admin): list, create (the new user must change the password at first login), change role, disable.

import { api } from './api.js';
import { h, replace, message } from './dom.js';
import { t } from './i18n.js';

const ROLES = ['police', 'dishub', 'operator', 'admin'];

export function renderUsers(main) {
  const rows = h('tbody', { id: 'user-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  const name = h('input', { id: 'new-username', placeholder: 'nama.pengguna', required: true });
  const pass = h('input', { id: 'new-user-password', type: 'password', placeholder: 'min. 10 karakter', required: true });
  const role = h('select', { id: 'new-user-role' }, ROLES.map(r => h('option', { value: r }, t('role.' + r))));
  const form = h('form', { class: 'inline' }, h('label', {}, 'Nama ', name), h('label', {}, 'Sandi awal ', pass),
    h('label', {}, 'Peran ', role), h('button', { type: 'submit' }, 'Tambah pengguna'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      await api('POST', '/api/users', { username: name.value.trim(), password: pass.value, role: role.value });
      message(status, 'ok', `Pengguna ${name.value.trim()} dibuat; ia harus mengganti sandi saat pertama masuk.`);
      form.reset();
      load();
    } catch (e) {
      message(status, 'error', e.message);
    }
  });
  replace(main, h('h1', {}, 'Pengguna'), form, status,
    h('table', {}, h('thead', {}, h('tr', {}, ['Nama', 'Peran', 'Aktif', ''].map(c => h('th', {}, c)))), rows));

  async function update(u, change) {
    try { await api('PATCH', '/api/users/' + u.id, change); load(); } catch (e) { message(status, 'error', e.message); }
  }

  async function load() {
    try {
      const { items } = await api('GET', '/api/users');
      replace(rows, items.map(u => {
        const sel = h('select', { onchange: () => update(u, { role: sel.value }) },
          // the API spells roles as it likes (ADMIN, admin): compare without case
          ROLES.map(r => h('option', { value: r, selected: r === String(u.role).toLowerCase() }, t('role.' + r))));
        return h('tr', {}, h('td', {}, u.username), h('td', {}, sel), h('td', {}, u.active ? 'ya' : 'tidak'),
          h('td', {}, h('button', { type: 'button', onclick: () => update(u, { active: !u.active }) },
            u.active ? 'Nonaktifkan' : 'Aktifkan')));
      }));
    } catch (e) {
      message(status, 'error', e.message);
    }
  }
  load();
}
