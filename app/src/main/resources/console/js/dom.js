// Tiny DOM helpers: build elements without innerHTML, so text from the server is never parsed as HTML.

import { wib } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function replace(target, ...children) {
  target.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
}

/** A status line: kind is 'ok', 'error' or 'info'. */
export function message(el, kind, text) {
  el.className = 'msg ' + kind;
  el.textContent = text;
}

/** A time in WIB, in the user's language. */
export function time(iso) {
  return wib(iso);
}
