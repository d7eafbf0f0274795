// Live view: a video wall of every camera and a single camera on click, playing the camera's own H.264 (remuxed
// by the node to fragmented MP4, no re-encoding) through Media Source Extensions, with tracks, zones, lines, stop
// lines and signal state drawn over it from the overlay stream. A camera without a live stream (not H.264, not
// connected, a browser without H.264 MSE) shows its snapshot, refreshed; a camera that drops shows its state and
// comes back by itself, without a reload.

import { api, authFetch, blobUrl, ApiError } from './api.js';
import { cameraState, signal as signalWord, vehicle } from './words.js';
import { h, replace, message } from './dom.js';
import { tr } from './i18n.js';

const RETRY_MS = 2000;
const SNAPSHOT_MS = 3000;
const STATE_MS = 3000;
/** Further behind the newest buffered frame than this, the player jumps to the live edge. */
const MAX_LAG_S = 0.8;
/** Seconds of played video kept in the buffer (the rest is removed, so a long view keeps its memory). */
const KEEP_S = 8;
const LIVE_WORDS = () => ({
  connecting: tr('Menyambung ke siaran langsung…', 'Connecting to the live stream…'),
  playing: tr('Siaran langsung', 'Live'),
  dropped: tr('Siaran terputus — menyambung ulang…', 'Stream dropped — reconnecting…'),
  snapshot: tr('Siaran langsung tidak tersedia — menampilkan gambar terakhir', 'Live stream unavailable — showing the latest picture'),
  unsupported: tr('Peramban tidak dapat memutar H.264 — menampilkan gambar terakhir',
    'The browser cannot play H.264 — showing the latest picture'),
});
const LIVE_TITLE = () => tr('Tayangan langsung', 'Live view');

export function renderLive(main, only) {
  const grid = h('div', { class: only ? 'live-single' : 'live-wall', id: 'live-wall' });
  const status = h('p', { class: 'msg', role: 'status' });
  const title = h('h1', {}, only ? LIVE_TITLE() + ': ' + only : LIVE_TITLE());
  replace(main, title,
    only ? h('p', {}, h('a', { href: '#/live', id: 'live-back' }, tr('← Semua kamera', '← All cameras'))) : null, status, grid);
  const players = [];
  const stops = [];
  let stopped = false;
  (async () => {
    try {
      const { items } = await api('GET', '/console-api/cameras');
      const cams = only ? items.filter(c => c.id === only) : items;
      if (stopped) return;
      if (!cams.length) { message(status, 'error', tr(`Kamera ${only} tidak dikenal`, `Camera ${only} is unknown`)); return; }
      if (only) title.textContent = LIVE_TITLE() + ': ' + (cams[0].name || cams[0].id);
      message(status, 'info', cams.length + tr(' kamera', cams.length === 1 ? ' camera' : ' cameras'));
      for (const cam of cams) {
        const p = new LivePlayer(cam, !!only);
        grid.append(p.element);
        players.push(p);
        p.refreshSnapshots();
      }
      if (!window.MediaSource || !MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"')) {
        players.forEach(p => p.snapshotsOnly());
        return;
      }
      // a browser opens at most six connections to a server: the whole page shares one overlay stream, and the
      // wall one multiplexed video stream (the single view reads its camera's own stream)
      // the camera's own state (MATI: connection refused, ...) under a tile that is not playing
      const states = setInterval(async () => {
        try {
          const { items: now } = await api('GET', '/console-api/cameras');
          for (const c of now) players.find(p => p.cam.id === c.id)?.status(c);
        } catch { /* a dead token signs out by itself; otherwise the next round */ }
      }, STATE_MS);
      stops.push(() => clearInterval(states));
      stops.push(overlayStream(players, only));
      if (only) players[0].run();
      else stops.push(wallStream(players));
    } catch (e) {
      message(status, 'error', tr('Daftar kamera tidak dapat dimuat: ', 'The camera list could not be loaded: ') + e.message);
    }
  })();
  return () => { stopped = true; players.forEach(p => p.stop()); stops.forEach(s => s()); };
}

/**
 * Reads the wall's multiplexed stream (frames of kind, camera index, length, payload; see LiveWall on the server)
 * and hands each camera's part to its player. Reconnects after a pause when the stream ends.
 */
function wallStream(players) {
  let stopped = false;
  let controller = null;
  const path = '/console-api/live/wall?cameras=' + players.map(p => encodeURIComponent(p.cam.id)).join(',');
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await authFetch(path, { signal: controller.signal });
        const reader = res.body.getReader();
        let buf = new Uint8Array(0);
        for (;;) {
          const { value, done } = await reader.read();
          if (done || stopped) break;
          const all = new Uint8Array(buf.length + value.length);
          all.set(buf); all.set(value, buf.length);
          let at = 0;
          while (all.length - at >= 7) {
            const view = new DataView(all.buffer, all.byteOffset + at);
            const kind = String.fromCharCode(all[at]);
            const index = view.getUint16(1);
            const length = view.getUint32(3);
            if (all.length - at - 7 < length) break;
            const payload = all.slice(at + 7, at + 7 + length);
            at += 7 + length;
            const p = players[index];
            if (!p) continue;
            if (kind === 'S') p.begin(Number(new DataView(payload.buffer).getBigInt64(0)));
            else if (kind === 'D') p.data(payload);
            else if (kind === 'E') p.ended(new TextDecoder().decode(payload));
            else if (kind === 'U') p.unavailable(new TextDecoder().decode(payload));
          }
          buf = all.slice(at);
        }
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return; // signed out: the shell shows login
      }
      if (stopped) return;
      players.forEach(p => p.ended('stream closed'));
      await new Promise(r => setTimeout(r, RETRY_MS));
    }
  })();
  return () => { stopped = true; controller?.abort(); };
}

/** One Server-Sent Events stream of overlays for the page's cameras; each event goes to its camera's overlay. */
function overlayStream(players, only) {
  let stopped = false;
  let controller = null;
  const byCamera = new Map(players.map(p => [p.cam.id, p.overlay]));
  players.forEach(p => p.overlay.start());
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await authFetch('/console-api/live/overlay' + (only ? '?camera=' + encodeURIComponent(only) : ''),
          { signal: controller.signal });
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
            if (data) {
              const d = JSON.parse(data);
              byCamera.get(d.camera)?.on(type, d);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return;
      }
      if (!stopped) await new Promise(r => setTimeout(r, RETRY_MS));
    }
  })();
  return () => { stopped = true; controller?.abort(); };
}

/**
 * One camera: the video with its overlay, or the snapshot when there is no live stream. Fed either by the wall's
 * stream (begin, data, ended, unavailable) or, in the single view, by its own stream (run).
 */
class LivePlayer {
  constructor(cam, single) {
    this.cam = cam;
    this.stopped = false;
    this.hadStream = false;
    this.video = h('video', { muted: true, autoplay: true, playsinline: true, 'data-camera': cam.id });
    this.video.muted = true;
    this.canvas = h('canvas', { class: 'overlay' });
    this.img = h('img', { alt: tr('Gambar terakhir ', 'Latest picture ') + cam.id, hidden: true });
    this.state = h('p', { class: 'live-state', 'data-state': 'connecting' }, LIVE_WORDS().connecting);
    this.facts = h('p', { class: 'facts small' }, cameraState(cam.state));
    const stage = h('div', { class: 'stage' }, this.video, this.img, this.canvas);
    this.element = h('article', { class: 'tile live', id: 'live-' + cam.id, 'data-camera': cam.id },
      single ? stage : h('a', { href: '#/live/' + encodeURIComponent(cam.id), class: 'open-single' }, stage),
      h('h2', {}, cam.name || cam.id), this.state, this.facts);
    this.overlay = new Overlay(cam.id, this.video, this.canvas);
  }

  snapshotsOnly() {
    this.show('unsupported');
    this.loadSnapshot();
  }

  /** While not playing, the snapshot is refreshed every few seconds (it is the fallback, kept current). */
  refreshSnapshots() {
    const tick = () => {
      if (this.stopped) return;
      if (this.state.dataset.state !== 'playing' && this.state.dataset.state !== 'connecting') this.loadSnapshot();
      this.snapTimer = setTimeout(tick, SNAPSHOT_MS);
    };
    this.snapTimer = setTimeout(tick, SNAPSHOT_MS);
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
    this.state.textContent = LIVE_WORDS()[kind] + (detail ? ' (' + detail + ')' : '');
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

  /** The camera's ingest state from the camera list: shown while the tile is not playing. */
  status(cam) {
    this.cam = { ...this.cam, state: cam.state };
    if (this.state.dataset.state !== 'playing') this.facts.textContent = cameraState(cam.state);
  }

  /** A new stream of the camera: a fresh Media Source; its first data is the init segment. */
  begin(origin) {
    if (this.stopped) return;
    this.origin = origin;
    this.overlay.origin = origin;
    this.ms = new MediaSource();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = URL.createObjectURL(this.ms);
    this.video.src = this.objectUrl;
    this.sb = null;
    this.started = false;
    const ms = this.ms;
    this.chain = new Promise(r => ms.addEventListener('sourceopen', r, { once: true }));
    if (this.state.dataset.state !== 'dropped') this.show('connecting');
  }

  /** The init segment or one fragment of the current stream, appended in order. */
  data(bytes) {
    if (this.stopped || !this.ms) return;
    const ms = this.ms;
    this.chain = this.chain.then(async () => {
      if (ms !== this.ms || ms.readyState !== 'open') return;   // a newer stream began meanwhile
      if (!this.sb) this.sb = ms.addSourceBuffer('video/mp4; codecs="' + codecOf(bytes) + '"');
      await append(this.sb, bytes);
      this.keepUp();
      if (!this.started && this.video.buffered.length) {
        this.started = true;
        this.hadStream = true;
        this.video.play().catch(() => { /* muted autoplay is allowed; keepUp retries */ });
        this.show('playing');
      }
    }).catch(() => { /* a broken stream: the server ends it and the next one starts afresh */ });
  }

  /** The stream ended (the camera dropped or reconnected): say so and show the last snapshot until it is back. */
  ended() {
    if (this.stopped) return;
    this.ms = null;
    this.show('dropped');
    this.loadSnapshot();
  }

  /** No live stream for now: a camera that was playing has dropped; one that never played shows its snapshot. */
  unavailable() {
    if (this.stopped) return;
    this.show(this.hadStream ? 'dropped' : 'snapshot');
    this.loadSnapshot();
  }

  /** The single view: its camera's own stream, again after every drop. */
  async run() {
    while (!this.stopped) {
      try {
        await this.playOnce();
        if (!this.stopped) this.ended();
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return; // signed out: the shell shows login
        if (e instanceof ApiError && (e.status === 503 || e.status === 404)) this.unavailable(); else this.ended();
      }
      if (this.stopped) return;
      await new Promise(r => setTimeout(r, RETRY_MS));
    }
  }

  async playOnce() {
    this.abort = new AbortController();
    const res = await authFetch('/console-api/cameras/' + encodeURIComponent(this.cam.id) + '/live.mp4',
      { signal: this.abort.signal });
    this.begin(Number(res.headers.get('x-pantau-media-origin')) || 0);
    const reader = res.body.getReader();
    const boxes = new BoxReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.stopped) break;
        for (const chunk of boxes.push(value)) this.data(chunk);
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** Stays at the live edge and keeps the buffer short. */
  keepUp() {
    const v = this.video;
    const b = v.buffered;
    if (!b.length) return;
    const end = b.end(b.length - 1);
    const start = b.start(b.length - 1);
    if (end - v.currentTime > MAX_LAG_S || v.currentTime < start) {
      v.currentTime = Math.max(start, end - 0.1);
    }
    if (v.paused) v.play().catch(() => {});
    if (this.sb && !this.sb.updating && v.currentTime - b.start(0) > 2 * KEEP_S) {
      this.sb.remove(0, v.currentTime - KEEP_S);
    }
    if (this.origin) {
      const lag = Date.now() - (this.origin + v.currentTime * 1000);
      v.dataset.latencyMs = String(Math.round(lag));
      this.facts.textContent = (v.videoWidth ? v.videoWidth + '×' + v.videoHeight + ' · ' : '')
        + tr('latensi ', 'latency ') + Math.max(0, Math.round(lag)) + ' ms';
    }
  }

  async loadSnapshot() {
    try {
      const url = await blobUrl('/console-api/cameras/' + encodeURIComponent(this.cam.id) + '/snapshot.jpg');
      if (this.stopped) { URL.revokeObjectURL(url); return; }
      if (this.snapUrl) URL.revokeObjectURL(this.snapUrl);
      this.snapUrl = url;
      this.img.src = url;
      this.layers();
    } catch { /* no frame yet: the state line says why */ }
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
    const draw = () => {
      if (this.stopped) return;
      this.draw();
      this.raf = requestAnimationFrame(draw);
    };
    this.raf = requestAnimationFrame(draw);
  }

  stop() {
    this.stopped = true;
    cancelAnimationFrame(this.raf);
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
      g.fillText(tr('lampu ', 'light ') + signalWord(state || 'unknown'), X(st.a[0]), Y(st.a[1]) - 6);
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
