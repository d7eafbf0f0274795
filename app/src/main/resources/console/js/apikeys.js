// API keys of integration accounts (admin): SiKesal sends complaints with one. Create, rotate (a new secret; the
// old one stops working at once), revoke. A secret is shown once, right after it is made, and never again.

import { api } from './api.js';
import { h, replace, message, time } from './dom.js';
import { tr } from './i18n.js';

export function renderApiKeys(main) {
  const rows = h('tbody', { id: 'api-key-rows' });
  const status = h('p', { class: 'msg', role: 'status', id: 'api-key-status' });
  const secret = h('div', { id: 'api-key-secret-box', class: 'card', hidden: true });
  const name = h('input', { id: 'new-api-key-name', placeholder: tr('mis. sikesal', 'e.g. sikesal'), required: true });
  const form = h('form', { class: 'inline' }, h('label', {}, tr('Nama ', 'Name '), name),
    h('button', { type: 'submit' }, tr('Buat kunci', 'Create key')));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      show(await api('POST', '/api/api-keys', { name: name.value.trim() }), tr('dibuat', 'created'));
      form.reset();
      load();
    } catch (e) {
      message(status, 'error', e.message);
    }
  });
  replace(main, h('h1', {}, tr('Kunci API integrasi', 'Integration API keys')),
    h('p', {}, tr('Sistem lain (SiKesal) mengirim pengaduan dengan kunci ini: header Authorization: Bearer <kunci>. '
      + 'Kunci hanya dapat mengirim pengaduan.', 'Other systems (SiKesal) send complaints with these keys: header '
      + 'Authorization: Bearer <key>. A key can only send complaints.')),
    form, status, secret,
    h('table', {}, h('thead', {}, h('tr', {}, tr('Nama|Awalan|Dibuat|Diganti|Keadaan|', 'Name|Prefix|Created|Rotated|State|').split('|')
      .map(t => h('th', {}, t)))), rows));

  function show(issued, what) {
    message(status, 'ok', `${tr('Kunci', 'Key')} ${issued.key.name} ${what}.`);
    replace(secret, h('p', {}, tr('Salin kunci ini sekarang; kunci tidak akan ditampilkan lagi:', 'Copy this key now; it will not be shown again:')),
      h('p', {}, h('code', { id: 'api-key-secret' }, issued.secret)));
    secret.hidden = false;
  }

  async function act(k, verb) {
    try {
      if (verb === 'rotate') {
        show(await api('POST', `/api/api-keys/${k.id}/rotate`), tr('diganti; kunci lama tidak berlaku lagi', 'rotated; the old key no longer works'));
      } else {
        if (!confirm(tr(`Cabut kunci ${k.name}? Semua permintaan dengan kunci ini akan ditolak.`,
          `Revoke key ${k.name}? Every request with this key will be refused.`))) return;
        await api('POST', `/api/api-keys/${k.id}/revoke`);
        secret.hidden = true;
        message(status, 'ok', tr(`Kunci ${k.name} dicabut.`, `Key ${k.name} revoked.`));
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
        h('td', {}, k.rotated_at ? time(k.rotated_at) : '—'), h('td', {}, k.revoked_at ? tr('dicabut ', 'revoked ') + time(k.revoked_at) : tr('aktif', 'active')),
        h('td', {}, k.revoked_at ? null : [
          h('button', { type: 'button', onclick: () => act(k, 'rotate') }, tr('Ganti kunci', 'Rotate key')),
          h('button', { type: 'button', onclick: () => act(k, 'revoke') }, tr('Cabut', 'Revoke'))])))
        : [h('tr', {}, h('td', { colspan: 6 }, tr('Belum ada kunci.', 'No keys yet.')))]);
    } catch (e) {
      message(status, 'error', e.message);
    }
  }
  load();
}
