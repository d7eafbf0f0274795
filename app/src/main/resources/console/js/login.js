// Login (POST /api/auth/login) and the forced password change of a new account (POST /api/auth/password).

import { api, ApiError } from './api.js';
import { h, replace, message } from './dom.js';
import { t } from './i18n.js';

export function renderLogin(main, onLogin) {
  const status = h('p', { class: 'msg', role: 'status' });
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card narrow', id: 'login-form' },
    h('h1', {}, t('login.title')),
    h('label', { for: 'username' }, t('login.user')), user,
    h('label', { for: 'password' }, t('login.password')), pass,
    h('button', { type: 'submit', id: 'login-button' }, t('login.submit')),
    status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    message(status, 'info', t('login.checking'));
    try {
      onLogin(await api('POST', '/api/auth/login', { username: user.value.trim(), password: pass.value }));
    } catch (e) {
      message(status, 'error', e instanceof ApiError && e.status === 401
        ? t('login.wrong') : t('login.failed', { detail: e.message }));
    }
  });
  replace(main, form);
  user.focus();
}

export function renderPasswordChange(main, onChanged) {
  const status = h('p', { class: 'msg', role: 'status' });
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const again = h('input', { id: 'new-password-again', type: 'password', autocomplete: 'new-password', required: true });
  const form = h('form', { class: 'card narrow' },
    h('h1', {}, t('password.title')),
    h('p', {}, t('password.intro')),
    h('label', { for: 'current-password' }, t('password.current')), current,
    h('label', { for: 'new-password' }, t('password.new')), next,
    h('label', { for: 'new-password-again' }, t('password.again')), again,
    h('button', { type: 'submit' }, t('password.save')),
    status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (next.value !== again.value) { message(status, 'error', t('password.mismatch')); return; }
    try {
      await api('POST', '/api/auth/password', { current_password: current.value, new_password: next.value });
      onChanged();
    } catch (e) {
      message(status, 'error', e.message);
    }
  });
  replace(main, form);
}
