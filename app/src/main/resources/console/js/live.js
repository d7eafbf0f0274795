// Live view: a video wall of every camera and a single camera on click, playing the camera's own H.264 (remuxed
// by the node to fragmented MP4, no re-encoding) through Media Source Extensions, with tracks, zones, lines, stop
// lines and signal state drawn over it from the overlay stream. A camera without a live stream (not H.264, not
// connected, a browser without H.264 MSE) shows its snapshot, refreshed; a camera that drops shows its state and
// comes back by itself, without a reload.

import { api, authFetch, blobUrl, ApiError } from './api.js';
import { cameraState, signal as signalWord, vehicle } from './words.js';
import { h, replace, message } from './dom.js';

const RETRY_MS = 2000;
const SNAPSHOT_MS = 3000;
/** Further behind the newest buffered frame than this, the player jumps to the live edge. */
const MAX_LAG_S = 0.8;
/** Seconds of played video kept in the buffer (the rest is removed, so a long view keeps its memory). */
const KEEP_S = 8;
const LIVE_WORDS = {
  connecting: 'Menyambung ke siaran langsung…',
  playing: 'Siaran langsung',
  dropped: 'Siaran terputus — menyambung ulang…',
  snapshot: 'Siaran langsung tidak tersedia — menampilkan gambar terakhir',
  unsupported: 'Peramban tidak dapat memutar H.264 — menampilkan gambar terakhir',
};

export function renderLive(main, only) {
  const grid = h('div', { class: only ? 'live-single' : 'live-wall', id: 'live-wall' });
  const status = h('p', { class: 'msg', role: 'status' });
  const title = only ? 'Tayangan langsung: ' + only : 'Tayangan langsung';
  replace(main, h('h1', {}, title),
    only ? h('p', {}, h('a', { href: '#/live', id: 'live-back' }, '← Semua kamera')) : null, status, grid);
  const players = [];
  let stopped = false;
  (async () => {
    try {
      const { items } = await api('GET', '/console-api/cameras');
      const cams = only ? items.filter(c => c.id === only) : items;
      if (!cams.length) { message(status, 'error', 'Kamera ' + only + ' tidak dikenal'); return; }
      message(status, 'info', cams.length + ' kamera');
      for (const cam of cams) {
        if (stopped) return;
        const p = new LivePlayer(cam, !!only);
        grid.append(p.element);
        players.push(p);
        p.start();
      }
    } catch (e) {
      message(status, 'error', 'Daftar kamera tidak dapat dimuat: ' + e.message);
    }
  })();
  return () => { stopped = true; players.forEach(p => p.stop()); };
}

/** One camera: the video with its overlay, or the snapshot when there is no live stream. */
class LivePlayer {
  constructor(cam, single) {
    this.cam = cam;
    this.stopped = false;
    this.video = h('video', { muted: true, autoplay: true, playsinline: true, 'data-camera': cam.id });
    this.video.muted = true;
    this.canvas = h('canvas', { class: 'overlay' });
    this.img = h('img', { alt: 'Gambar terakhir ' + cam.id, hidden: true });
    this.state = h('p', { class: 'live-state', 'data-state': 'connecting' }, LIVE_WORDS.connecting);
    this.facts = h('p', { class: 'facts small' }, cameraState(cam.state));
    const stage = h('div', { class: 'stage' }, this.video, this.img, this.canvas);
    this.element = h('article', { class: 'tile live', id: 'live-' + cam.id, 'data-camera': cam.id },
      single ? stage : h('a', { href: '#/live/' + encodeURIComponent(cam.id), class: 'open-single' }, stage),
      h('h2', {}, cam.name || cam.id), this.state, this.facts);
    this.overlay = new Overlay(cam.id, this.video, this.canvas);
  }

  start() {
    if (!window.MediaSource || !MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"')) {
      this.show('unsupported');
      this.snapshots();
      return;
    }
    this.overlay.start();
    this.run();
  }

  stop() {
    this.stopped = true;
    this.abort?.abort();
    clearTimeout(this.snapTimer);
    this.overlay.stop();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    if (this.snapUrl) URL.revokeObjectURL(this.snapUrl);
  }

  show(kind, detail) {
    this.state.dataset.state = kind;
    this.state.textContent = LIVE_WORDS[kind] + (detail ? ' (' + detail + ')' : '');
    this.element.classList.toggle('up', kind === 'playing');
    this.element.classList.toggle('down', kind === 'dropped' || kind === 'snapshot');
    this.layers();
  }

  /** The video while it plays, else the snapshot if there is one (the video's last picture otherwise). */
  layers() {
    const snap = this.state.dataset.state !== 'playing' && !!this.img.getAttribute('src');
    this.img.hidden = !snap;
    this.video.hidden = snap;
    this.canvas.hidden = snap;
  }

  /** Plays streams one after another: a stream ends when the camera drops; then wait, show the state, retry. */
  async run() {
    let had = false;
    while (!this.stopped) {
      try {
        await this.playOnce(() => { had = true; this.show('playing'); });
        if (!this.stopped) this.show('dropped');
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return; // signed out: the shell shows login
        const unavailable = e instanceof ApiError && (e.status === 503 || e.status === 404);
        this.show(had || !unavailable ? 'dropped' : 'snapshot');
      }
      if (this.stopped) return;
      this.loadSnapshot();
      await new Promise(r => setTimeout(r, RETRY_MS));
    }
  }

  async playOnce(onPlaying) {
    this.abort = new AbortController();
    const res = await authFetch('/console-api/cameras/' + encodeURIComponent(this.cam.id) + '/live.mp4',
      { signal: this.abort.signal });
    const origin = Number(res.headers.get('x-pantau-media-origin')) || 0;
    this.overlay.origin = origin;
    const ms = new MediaSource();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = URL.createObjectURL(ms);
    this.video.src = this.objectUrl;
    await new Promise(r => ms.addEventListener('sourceopen', r, { once: true }));
    const reader = res.body.getReader();
    const boxes = new BoxReader();
    let sb = null;
    let started = false;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.stopped) break;
        for (const chunk of boxes.push(value)) {
          if (!sb) {
            sb = ms.addSourceBuffer('video/mp4; codecs="' + codecOf(chunk) + '"');
          }
          await append(sb, chunk);
          this.keepUp(sb, origin);
          if (!started && this.video.buffered.length) {
            started = true;
            this.video.play().catch(() => { /* autoplay of a muted video is allowed; retried on next append */ });
            onPlaying();
          }
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** Stays at the live edge and keeps the buffer short. */
  keepUp(sb, origin) {
    const v = this.video;
    const b = v.buffered;
    if (!b.length) return;
    const end = b.end(b.length - 1);
    const start = b.start(b.length - 1);
    if (end - v.currentTime > MAX_LAG_S || v.currentTime < start) {
      v.currentTime = Math.max(start, end - 0.1);
    }
    if (v.paused) v.play().catch(() => {});
    if (!sb.updating && v.currentTime - b.start(0) > 2 * KEEP_S) {
      sb.remove(0, v.currentTime - KEEP_S);
    }
    if (origin) {
      const lag = Date.now() - (origin + v.currentTime * 1000);
      v.dataset.latencyMs = String(Math.round(lag));
      this.facts.textContent = (v.videoWidth ? v.videoWidth + '×' + v.videoHeight + ' · ' : '')
        + 'latensi ' + Math.max(0, Math.round(lag)) + ' ms';
    }
  }

  async loadSnapshot() {
    try {
      const url = await blobUrl('/console-api/cameras/' + encodeURIComponent(this.cam.id) + '/snapshot.jpg');
      if (this.snapUrl) URL.revokeObjectURL(this.snapUrl);
      this.snapUrl = url;
      this.img.src = url;
      this.layers();
    } catch { /* no frame yet: the state line says why */ }
  }

  snapshots() {
    this.loadSnapshot();
    this.snapTimer = setTimeout(() => { if (!this.stopped) this.snapshots(); }, SNAPSHOT_MS);
  }
}

function append(sb, bytes) {
  return new Promise((resolve, reject) => {
    const done = () => { sb.removeEventListener('error', fail); resolve(); };
    const fail = () => { sb.removeEventListener('updateend', done); reject(new Error('append failed')); };
    sb.addEventListener('updateend', done, { once: true });
    sb.addEventListener('error', fail, { once: true });
    const go = () => sb.appendBuffer(bytes);
    if (sb.updating) sb.addEventListener('updateend', go, { once: true }); else go();
  });
}

/** The codec string of an init segment, from its avcC box: avc1.PPCCLL. */
function codecOf(init) {
  for (let i = 4; i + 8 < init.length; i++) {
    if (init[i] === 0x61 && init[i + 1] === 0x76 && init[i + 2] === 0x63 && init[i + 3] === 0x43) { // 'avcC'
      const hex = b => b.toString(16).padStart(2, '0');
      return 'avc1.' + hex(init[i + 5]) + hex(init[i + 6]) + hex(init[i + 7]);
    }
  }
  return 'avc1.42E01E';
}

/** Cuts the byte stream into the init segment (ftyp+moov) and whole fragments (moof+mdat). */
class BoxReader {
  constructor() { this.buf = new Uint8Array(0); this.pending = []; }
  push(bytes) {
    const all = new Uint8Array(this.buf.length + bytes.length);
    all.set(this.buf); all.set(bytes, this.buf.length);
    const out = [];
    let at = 0;
    while (all.length - at >= 8) {
      const size = ((all[at] << 24) >>> 0) + (all[at + 1] << 16) + (all[at + 2] << 8) + all[at + 3];
      if (size < 8 || all.length - at < size) break;
      const type = String.fromCharCode(all[at + 4], all[at + 5], all[at + 6], all[at + 7]);
      this.pending.push(all.subarray(at, at + size));
      at += size;
      if (type === 'moov' || type === 'mdat') {
        const n = this.pending.reduce((s, p) => s + p.length, 0);
        const joined = new Uint8Array(n);
        let o = 0;
        for (const p of this.pending) { joined.set(p, o); o += p.length; }
        out.push(joined);
        this.pending = [];
      }
    }
    this.buf = all.slice(at);
    return out;
  }
}

/**
 * Draws the camera's geometry, signal state and the tracks of the frame on screen. Tracks are keyed by capture time
 * (epoch ms); the frame on screen was captured at media origin + currentTime.
 */
class Overlay {
  constructor(camera, video, canvas) {
    this.camera = camera;
    this.video = video;
    this.canvas = canvas;
    this.origin = 0;
    this.geometry = null;
    this.signals = {};
    this.frames = [];
    this.stopped = false;
  }

  start() {
    this.run();
    const draw = () => {
      if (this.stopped) return;
      this.draw();
      this.raf = requestAnimationFrame(draw);
    };
    this.raf = requestAnimationFrame(draw);
  }

  stop() {
    this.stopped = true;
    this.abort?.abort();
    cancelAnimationFrame(this.raf);
  }

  async run() {
    while (!this.stopped) {
      this.abort = new AbortController();
      try {
        const res = await authFetch('/console-api/cameras/' + encodeURIComponent(this.camera) + '/live/overlay',
          { signal: this.abort.signal });
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
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) type = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (data) this.on(type, JSON.parse(data));
          }
        }
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return;
      }
      await new Promise(r => setTimeout(r, RETRY_MS));
    }
  }

  on(type, data) {
    if (type === 'geometry') this.geometry = data;
    else if (type === 'signal') {
      this.signals[data.approach] = data.state;
      this.canvas.dataset.signals = JSON.stringify(this.signals);
    }
    else if (type === 'tracks') {
      // frames come in capture order from one pipeline; keep them sorted even if not
      let i = this.frames.length;
      while (i > 0 && this.frames[i - 1].time > data.time) i--;
      this.frames.splice(i, 0, data);
      const cutoff = data.time - 10000;
      while (this.frames.length && this.frames[0].time < cutoff) this.frames.shift();
    }
  }

  /** The tracked frame shown now: the latest captured at or before the picture on screen, if not too old. */
  current() {
    if (!this.origin || !this.frames.length) return null;
    const shown = this.origin + this.video.currentTime * 1000;
    let best = null;
    for (const f of this.frames) {
      if (f.time <= shown + 40) best = f; else break;
    }
    return best && shown - best.time < 1000 ? best : null;
  }

  draw() {
    const c = this.canvas;
    const v = this.video;
    const w = c.clientWidth;
    const ht = c.clientHeight;
    if (c.width !== w || c.height !== ht) { c.width = w; c.height = ht; }
    const g = c.getContext('2d');
    g.clearRect(0, 0, w, ht);
    const fw = v.videoWidth || this.geometry?.frame?.width;
    const fh = v.videoHeight || this.geometry?.frame?.height;
    if (!fw || !fh || !w) return;
    // the video is letterboxed (object-fit: contain): map frame pixels onto the drawn picture
    const s = Math.min(w / fw, ht / fh);
    const ox = (w - fw * s) / 2;
    const oy = (ht - fh * s) / 2;
    const X = x => ox + x * s;
    const Y = y => oy + y * s;
    const geo = this.geometry || {};
    g.lineWidth = 2;
    g.font = '12px sans-serif';
    for (const z of geo.zones || []) {
      g.strokeStyle = 'rgba(255, 235, 59, 0.9)';
      g.fillStyle = 'rgba(255, 235, 59, 0.12)';
      g.beginPath();
      z.polygon.forEach(([x, y], i) => i ? g.lineTo(X(x), Y(y)) : g.moveTo(X(x), Y(y)));
      g.closePath(); g.fill(); g.stroke();
    }
    for (const l of geo.counting_lines || []) {
      g.strokeStyle = '#00e5ff';
      line(g, X(l.a[0]), Y(l.a[1]), X(l.b[0]), Y(l.b[1]));
    }
    for (const st of geo.stop_lines || []) {
      const state = this.signals[st.approach];
      g.strokeStyle = state === 'red' ? '#ff1744' : state === 'green' ? '#00e676'
        : state === 'amber' || state === 'yellow' ? '#ffc400' : '#ffffff';
      g.lineWidth = 4;
      line(g, X(st.a[0]), Y(st.a[1]), X(st.b[0]), Y(st.b[1]));
      g.lineWidth = 2;
      g.fillStyle = g.strokeStyle;
      g.fillText('lampu ' + signalWord(state || 'unknown'), X(st.a[0]), Y(st.a[1]) - 6);
    }
    const f = this.current();
    this.canvas.dataset.tracks = f ? String(f.objects.length) : '0';
    if (!f) return;
    const sx = fw / (f.width || fw);
    const sy = fh / (f.height || fh);
    for (const o of f.objects) {
      const [x1, y1, x2, y2] = o.box;
      g.strokeStyle = '#76ff03';
      g.strokeRect(X(x1 * sx), Y(y1 * sy), (x2 - x1) * sx * s, (y2 - y1) * sy * s);
      g.fillStyle = '#76ff03';
      g.fillText(vehicle(o.class) + ' #' + o.id, X(x1 * sx), Y(y1 * sy) - 3);
    }
  }
}

function line(g, x1, y1, x2, y2) {
  g.beginPath(); g.moveTo(x1, y1); g.lineTo(x2, y2); g.stroke();
}
