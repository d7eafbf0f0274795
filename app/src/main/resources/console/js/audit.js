// Audit trail (admin): the append-only, hash-chained record of who did what, its filters, and the check of the
// chain against the signed checkpoints kept outside the database.

import { api } from './api.js';
import { h, replace, message, time } from './dom.js';
import { t, has } from './i18n.js';

const ENTITIES = ['', 'violation', 'ticket', 'user', 'camera_config', 'dead_letter', 'complaint', 'api_key'];
/** An audited action (camera_config.save) in words; one this page does not know yet shows as the server names it. */
const action = a => has('action.' + a) ? t('action.' + a) : a;
const entityWord = e => has('entity.' + e) ? t('entity.' + e) : e;
const PAGE = 100;

export function renderAudit(main) {
  const rows = h('tbody', { id: 'audit-rows' });
  const status = h('p', { class: 'msg', role: 'status' });
  const result = h('div', { id: 'audit-verify', class: 'card' });
  const entity = h('select', { id: 'audit-entity' }, ENTITIES.map(k => h('option', { value: k }, entityWord(k))));
  const entityId = h('input', { id: 'audit-entity-id', placeholder: t('audit.idPlaceholder'), size: 14 });
  const form = h('form', { class: 'inline' }, h('label', {}, t('audit.kind'), entity), entityId, h('button', { type: 'submit' }, t('audit.filter')));
  form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
  const verify = h('button', { type: 'button', id: 'audit-verify-button', onclick: check }, t('audit.verify'));
  replace(main, h('h1', {}, t('audit.title')), status, h('p', {}, verify), result, form,
    h('table', {}, h('thead', {}, h('tr', {}, ['seq', 'at', 'actor', 'action', 'entity', 'id'].map(c => h('th', {}, t('audit.col.' + c))))), rows));

  async function load() {
    const q = new URLSearchParams({ limit: PAGE });
    if (entity.value) q.set('entity', entity.value);
    if (entityId.value.trim()) q.set('entity_id', entityId.value.trim());
    try {
      const { items } = await api('GET', '/api/audit?' + q);
      replace(rows, items.length ? items.map(e => h('tr', {},
        h('td', {}, e.seq), h('td', {}, time(e.at)), h('td', {}, e.actor), h('td', { 'data-action': e.action }, action(e.action)),
        h('td', {}, entityWord(e.entity)), h('td', {}, e.entity_id))) :
        [h('tr', {}, h('td', { colspan: 6 }, t('audit.none')))]);
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
          ? t('audit.intact', { count: v.entries_checked })
          : t('audit.broken', { count: v.breaks.length })),
        c ? h('p', {}, c.anchored
          ? t('audit.anchored', { checked: c.checked, seq: c.latest_seq, at: time(c.latest_at), after: c.entries_after_latest ?? 0 })
          : t('audit.notAnchored')) : null,
        v.breaks.length ? h('ul', {}, v.breaks.map(b => h('li', {}, `#${b.seq}: ${b.problem}`))) : null);
    } catch (e) {
      message(status, 'error', e.message);
    }
  }

  load();
}
