// Accounts (admin): list, create (the new user must change the password at first login), change role, disable.

import { api } from './api.js';
import { h, replace, message } from './dom.js';
import { t } from './i18n.js';

const ROLES = ['police', 'dishub', 'operator', 'admin'];

export function renderUsers(main) {
  const rows = h('tbody', { id: 'user-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  const name = h('input', { id: 'new-username', placeholder: t('users.namePlaceholder'), required: true });
  const pass = h('input', { id: 'new-user-password', type: 'password', placeholder: t('users.passwordPlaceholder'), required: true });
  const role = h('select', { id: 'new-user-role' }, ROLES.map(r => h('option', { value: r }, t('role.' + r))));
  const form = h('form', { class: 'inline' }, h('label', {}, t('users.name'), name), h('label', {}, t('users.password'), pass),
    h('label', {}, t('users.role'), role), h('button', { type: 'submit' }, t('users.add')));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      await api('POST', '/api/users', { username: name.value.trim(), password: pass.value, role: role.value });
      message(status, 'ok', t('users.created', { name: name.value.trim() }));
      form.reset();
      load();
    } catch (e) {
      message(status, 'error', e.message);
    }
  });
  replace(main, h('h1', {}, t('users.title')), form, status,
    h('table', {}, h('thead', {}, h('tr', {}, ['name', 'role', 'active'].map(c => h('th', {}, t('users.col.' + c))), h('th', {}))), rows));

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
        return h('tr', {}, h('td', {}, u.username), h('td', {}, sel), h('td', {}, u.active ? t('users.yes') : t('users.no')),
          h('td', {}, h('button', { type: 'button', onclick: () => update(u, { active: !u.active }) },
            u.active ? t('users.disable') : t('users.enable'))));
      }));
    } catch (e) {
      message(status, 'error', e.message);
    }
  }
  load();
}
