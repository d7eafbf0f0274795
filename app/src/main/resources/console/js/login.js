// Login (POST /api/auth/login) and the forced password change of a new account (POST /api/auth/password).

import { api, ApiError } from './api.js';
import { h, replace, message } from './dom.js';

export function renderLogin(main, onLogin) {
  const status = h('p', { class: 'msg', role: 'status' });
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card narrow', id: 'login-form' },
    h('h1', {}, 'Masuk ke Pantau'),
    h('label', { for: 'username' }, 'Nama pengguna'), user,
    h('label', { for: 'password' }, 'Kata sandi'), pass,
    h('button', { type: 'submit', id: 'login-button' }, 'Masuk'),
    status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    message(status, 'info', 'Memeriksa…');
    try {
      onLogin(await api('POST', '/api/auth/login', { username: user.value.trim(), password: pass.value }));
    } catch (e) {
      message(status, 'error', e instanceof ApiError && e.status === 401
        ? 'Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.' : 'Gagal masuk: ' + e.message);
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
    h('h1', {}, 'Ganti kata sandi'),
    h('p', {}, 'Akun baru harus mengganti kata sandi sebelum memakai konsol (minimal 10 karakter).'),
    h('label', { for: 'current-password' }, 'Kata sandi sekarang'), current,
    h('label', { for: 'new-password' }, 'Kata sandi baru'), next,
    h('label', { for: 'new-password-again' }, 'Ulangi kata sandi baru'), again,
    h('button', { type: 'submit' }, 'Simpan'),
    status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (next.value !== again.value) { message(status, 'error', 'Kedua kata sandi baru tidak sama.'); return; }
    try {
      await api('POST', '/api/auth/password', { current_password: current.value, new_password: next.value });
      onChanged();
    } catch (e) {
      message(status, 'error', e.message);
    }
  });
  replace(main, form);
}
