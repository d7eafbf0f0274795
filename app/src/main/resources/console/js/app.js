// The console's shell: login, the menu for the user's role, and a hash router (#/cameras, #/editor/<id>, ...).
// Each page module exports render(main, arg) and may return a function that stops its timers and streams.

import { api, session } from './api.js';
import { h, replace } from './dom.js';
import { t, has, lang, setLang } from './i18n.js';
import { renderLogin, renderPasswordChange } from './login.js';
import { renderCameras } from './cameras.js';
import { renderLive } from './live.js';
import { renderEditor } from './editor.js';
import { renderBoard } from './board.js';
import { renderReview, renderTickets } from './review.js';
import { renderUsers } from './users.js';
import { renderDeadLetters } from './deadletters.js';
import { renderAudit } from './audit.js';
import { renderComplaints } from './complaints.js';
import { renderApiKeys } from './apikeys.js';

const ALL = ['police', 'dishub', 'operator', 'admin'];
const PAGES = [
  { path: 'cameras', label: 'Kamera', roles: ALL, render: renderCameras },
  { path: 'live', label: 'Tayangan langsung', roles: ALL, render: renderLive },
  { path: 'board', label: 'Lalu lintas & kejadian', roles: ALL, render: renderBoard },
  { path: 'review', label: 'Verifikasi pelanggaran', roles: ['police'], render: renderReview },
  { path: 'tickets', label: 'Tilang', roles: ['police'], render: renderTickets },
  { path: 'complaints', label: 'Pengaduan', roles: ['dishub', 'operator', 'admin'], render: renderComplaints },
  { path: 'users', label: 'Pengguna', roles: ['admin'], render: renderUsers },
  { path: 'api-keys', label: 'Kunci API', roles: ['admin'], render: renderApiKeys },
  { path: 'dead-letters', label: 'Pesan gagal', roles: ['operator', 'admin'], render: renderDeadLetters },
  { path: 'audit', label: 'Jejak audit', roles: ['admin'], render: renderAudit },
  { path: 'editor', label: null, roles: ['dishub', 'operator', 'admin'], render: renderEditor },
];

const main = document.getElementById('main');
let stopPage = null;

function home(role) {
  return role === 'police' ? 'review' : role === 'dishub' ? 'board' : 'cameras';
}

function drawShell() {
  const s = session.get();
  document.documentElement.lang = lang();
  document.title = t('shell.title');
  const switcher = document.getElementById('lang');
  switcher.textContent = t('lang.switch');
  switcher.title = t('lang.switch.title');
  document.getElementById('logout').textContent = t('shell.logout');
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  if (!s) {
    replace(nav);
    who.textContent = '';
    logout.hidden = true;
    return;
  }
  replace(nav, PAGES.filter(p => p.label && p.roles.includes(s.user.role))
    .map(p => h('a', { href: '#/' + p.path, 'data-page': p.path }, has('menu.' + p.path) ? t('menu.' + p.path) : p.label)));
  who.textContent = s.user.username + ' (' + t('role.' + s.user.role) + ')';
  logout.hidden = false;
}

async function route() {
  if (stopPage) { stopPage(); stopPage = null; }
  drawShell();
  const s = session.get();
  if (!s) { renderLogin(main, onLogin); return; }
  if (s.user.must_change_password) { renderPasswordChange(main, onPasswordChanged); return; }
  const [, name, ...rest] = location.hash.split('/');
  const page = PAGES.find(p => p.path === name && p.roles.includes(s.user.role));
  if (!page) { location.hash = '#/' + home(s.user.role); return; }
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === name);
  replace(main);
  stopPage = page.render(main, decodeURIComponent(rest.join('/'))) || null;
}

function onLogin(login) {
  session.set({ token: login.token, user: login.user });
  // a changed hash routes by itself (hashchange); routing here as well drew the page twice, and a click on the
  // first menu could land on an element already replaced
  const target = '#/' + home(login.user.role);
  if (location.hash !== target) location.hash = target;
  else route();
}

async function onPasswordChanged() {
  const s = session.get();
  s.user = await api('GET', '/api/me');
  session.set(s);
  route();
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/auth/logout'); } catch { /* the token may already be gone */ }
  session.clear();
  route();
});
window.addEventListener('pantau:logged-out', route);
window.addEventListener('hashchange', route);
// the language switch: remembered, and the page is drawn again in the other language
document.getElementById('lang').addEventListener('click', () => setLang(lang() === 'id' ? 'en' : 'id'));
window.addEventListener('pantau:lang', route);
route();
