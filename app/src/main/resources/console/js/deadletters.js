// Dead letters (operator, admin): violation events the back office kept instead of losing them, with the reason.
// Admins replay one once its cause is fixed, or close it with a note; /health says DEGRADED while any is open.

import { api, session } from './api.js';
import { h, replace, message, time } from './dom.js';
import { t, has, lang } from './i18n.js';

const kind = k => has('dl.kind.' + k) ? t('dl.kind.' + k) : k;

/**
 * Why the event was kept, in the chosen language: from the stable reason code and its values; in English (and for
 * rows kept before codes existed) the server's own English sentence, which also names the database's words.
 */
function reason(d) {
  if (lang() === 'en' || !d.reason_code || !has('dl.reason.' + d.reason_code)) return d.error;
  const p = { ...(d.reason_params || {}) };
  if (!p.event_id) p.event_id = t('dl.reason.no_event_id');
  const key = d.reason_code === 'refused' && p.fields?.length ? 'dl.reason.refused_fields' : 'dl.reason.' + d.reason_code;
  return t(key, p);
}

export function renderDeadLetters(main) {
  const rows = h('tbody', { id: 'dead-letter-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  const summary = h('p', { id: 'dead-letter-open' });
  const admin = session.get().user.role === 'admin';
  replace(main, h('h1', {}, t('dl.title')),
    h('p', {}, t('dl.intro')),
    summary, status,
    h('table', {}, h('thead', {}, h('tr', {}, ['received', 'kind', 'reason'].map(c => h('th', {}, t('dl.col.' + c))), h('th', {}))), rows));

  async function act(path, body, done) {
    try { await api('POST', path, body); message(status, 'ok', done); load(); } catch (e) { message(status, 'error', e.message); }
  }

  async function load() {
    try {
      const { open, items } = await api('GET', '/api/dead-letters');
      summary.textContent = open === 0 ? t('dl.none') : t('dl.open', { count: open });
      replace(rows, items.map(d => h('tr', {},
        h('td', {}, time(d.received_at)), h('td', {}, kind(d.kind)), h('td', { class: 'dl-reason', title: d.error }, reason(d)),
        h('td', {}, admin && h('button', { type: 'button', onclick: () => act(`/api/dead-letters/${d.id}/replay`, null,
          t('dl.replayed')) }, t('dl.replay')),
        admin && h('button', { type: 'button', onclick: () => {
          const note = prompt(t('dl.dismissPrompt'));
          if (note) act(`/api/dead-letters/${d.id}/dismiss`, { note }, t('dl.dismissed'));
        } }, t('dl.dismiss'))))));
    } catch (e) {
      message(status, 'error', e.message);
    }
  }
  load();
}
