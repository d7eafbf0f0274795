// Talks to the server: the back-office API (/api) and the console API (/console-api), always with the bearer
// token from the login. Images and the event stream are fetched too (an <img src> or EventSource could not
// send the Authorization header, and a token in a URL would end up in logs).

import { errorText } from './i18n.js';

const KEY = 'pantau.session';

export const session = {
  get() { try { return JSON.parse(sessionStorage.getItem(KEY)); } catch { return null; } },
  set(s) {
    // the back office writes roles as enum names (OPERATOR); the console compares lower-case names
    if (s?.user?.role) s.user.role = s.user.role.toLowerCase();
    sessionStorage.setItem(KEY, JSON.stringify(s));
  },
  clear() { sessionStorage.removeItem(KEY); },
  role() { return this.get()?.user?.role; },
};

/**
 * An error answer: status, error code, the reason and values the server gave for translation, the server's English
 * detail, and for an invalid configuration the field errors. Its message is the sentence in the user's language
 * (i18n.errorText), so every page that shows e.message shows it translated.
 */
export class ApiError extends Error {
  constructor(status, body) {
    super('HTTP ' + status);
    this.status = status;
    this.code = body?.error;
    this.reason = body?.reason;
    this.detail = body?.message;
    this.params = body ? Object.fromEntries(Object.entries(body).filter(([k]) => !['error', 'message', 'errors', 'reason'].includes(k))) : {};
    this.errors = body?.errors || [];
    this.message = errorText(this);
  }
}

function headers(extra = {}) {
  const s = session.get();
  return s ? { ...extra, Authorization: 'Bearer ' + s.token } : extra;
}

async function check(res) {
  if (res.ok) return res;
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (res.status === 401 && session.get()) {
    session.clear();
    window.dispatchEvent(new Event('pantau:logged-out'));
  }
  throw new ApiError(res.status, body);
}

export async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await check(res);
  return res.status === 204 ? null : res.json();
}

/**
 * A fetch with the session's token; an error answer throws ApiError (and a 401 signs the user out), the response
 * is returned unread for streams (the live video).
 */
export async function authFetch(path, options = {}) {
  return check(await fetch(path, { ...options, headers: headers(options.headers || {}), cache: 'no-store' }));
}

/** An object URL for an authenticated image or PDF; revoke it when done. */
export async function blobUrl(path) {
  const res = await check(await fetch(path, { headers: headers(), cache: 'no-store' }));
  return URL.createObjectURL(await res.blob());
}

/**
 * Downloads an authenticated file (a chart's CSV) under the name the server gives in Content-Disposition.
 * Returns that name.
 */
export async function download(path, fallbackName = 'data.csv') {
  const res = await check(await fetch(path, { headers: headers(), cache: 'no-store' }));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Reads the console's Server-Sent Events with fetch (so the token travels in the header) and calls onEvent(type,
 * data) for each. Reconnects after a pause when the stream ends. Returns a function that stops it.
 */
export function liveEvents(onEvent, onState) {
  let stopped = false;
  let controller = null;
  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await check(await fetch('/console-api/events', { headers: headers(), signal: controller.signal }));
        onState('open');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            const data = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) type = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length) {
              try { onEvent(type, JSON.parse(data.join('\n'))); } catch (e) { console.warn('bad event', e); }
            }
          }
        }
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) { onState('denied'); return; }
      }
      if (!stopped) {
        onState('reconnecting');
        await new Promise(r => setTimeout(r, 3000));
      }
    }
  }
  run();
  return () => { stopped = true; controller?.abort(); };
}
