// Cameras grid: every camera's state and its latest frame, refreshed every few seconds.

import { api, blobUrl, session } from './api.js';
import { cameraState } from './words.js';
import { h, replace, message } from './dom.js';
import { t, wibClock } from './i18n.js';

const REFRESH_MS = 3000;

export function renderCameras(main) {
  const grid = h('div', { class: 'grid', id: 'camera-grid' });
  const status = h('p', { class: 'msg', role: 'status' });
  replace(main, h('h1', {}, t('cam.title')), status, grid);
  const canSeeGeometry = ['dishub', 'operator', 'admin'].includes(session.role());
  const canEdit = ['operator', 'admin'].includes(session.role());
  const urls = new Map();
  let stopped = false;

  async function refresh() {
    try {
      const { items } = await api('GET', '/console-api/cameras');
      message(status, 'info', t('cam.count', { count: items.length, time: wibClock() }));
      replace(grid, items.map(tile));
      for (const cam of items) loadSnapshot(cam);
    } catch (e) {
      message(status, 'error', t('cam.loadFailed', { detail: e.message }));
    }
  }

  function tile(cam) {
    const facts = cam.streaming
      ? t('cam.facts', { width: cam.width, height: cam.height, fps: cam.fps.toFixed(1), age: ageText(cam.last_frame_age_ms),
        dropped: cam.frames_dropped })
      : t('cam.noPicture');
    return h('article', { class: 'tile ' + (cam.streaming ? 'up' : 'down'), 'data-camera': cam.id },
      h('div', { class: 'snap' }, h('img', { alt: t('cam.snapshotAlt', { camera: cam.id }), id: 'snap-' + cam.id, src: urls.get(cam.id) })),
      h('h2', {}, cam.name || cam.id), cam.name && cam.name !== cam.id ? h('p', { class: 'small' }, cam.id) : null,
      h('p', { class: 'state' }, cameraState(cam.state)),
      h('p', { class: 'facts' }, facts),
      h('a', { class: 'button', href: '#/live/' + encodeURIComponent(cam.id), 'data-live': cam.id }, 'Lihat langsung'),
      canSeeGeometry ? h('a', { class: 'button', href: '#/editor/' + encodeURIComponent(cam.id), 'data-edit': cam.id },
        canEdit ? t('cam.edit') : t('cam.view')) : null);
  }

  async function loadSnapshot(cam) {
    const img = document.getElementById('snap-' + cam.id);
    if (!img) return;
    try {
      const url = await blobUrl('/console-api/cameras/' + encodeURIComponent(cam.id) + '/snapshot.jpg');
      if (urls.has(cam.id)) URL.revokeObjectURL(urls.get(cam.id));
      urls.set(cam.id, url);
      img.src = url;
    } catch {
      img.replaceWith(h('div', { class: 'nosnap' }, t('cam.noSnapshot')));
    }
  }

  refresh();
  const timer = setInterval(() => { if (!stopped) refresh(); }, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); urls.forEach(u => URL.revokeObjectURL(u)); };
}

function ageText(ms) {
  if (ms < 0) return t('cam.ageNone');
  return ms < 1000 ? t('cam.ageMs', { ms }) : t('cam.ageS', { s: (ms / 1000).toFixed(1) });
}
