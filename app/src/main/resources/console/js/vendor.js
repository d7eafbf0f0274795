// The browser libraries the console uses, served by the node itself from their WebJars (/vendor/...), loaded
// once and only by the pages that need them: uPlot draws the board's charts, Leaflet the camera map.

import { tr } from './i18n.js';

const loaded = new Map();

function once(key, make) {
  if (!loaded.has(key)) loaded.set(key, make());
  return loaded.get(key);
}

function script(src) {
  return once(src, () => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(tr(`Pustaka ${src} tidak dapat dimuat.`, `The library ${src} could not be loaded.`)));
    document.head.append(s);
  }));
}

function stylesheet(href) {
  return once(href, () => new Promise(resolve => {
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = href;
    l.onload = resolve;
    l.onerror = resolve;   // unstyled is still usable
    document.head.append(l);
  }));
}

export async function uPlotLib() {
  await Promise.all([stylesheet('/vendor/uplot/1.6.30/dist/uPlot.min.css'),
    script('/vendor/uplot/1.6.30/dist/uPlot.iife.min.js')]);
  return window.uPlot;
}

export async function leafletLib() {
  await Promise.all([stylesheet('/vendor/leaflet/1.9.4/dist/leaflet.css'),
    script('/vendor/leaflet/1.9.4/dist/leaflet.js')]);
  return window.L;
}
