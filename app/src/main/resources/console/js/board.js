// Dishub's board: vehicle counts per 15 minutes (ATCS style), level of service per zone over time, red-light
// violations per hour, the alert list (acknowledge, notes), the camera map and the live event feed. Police see
// the live feed only (the server refuses them the board's figures). Every chart's data downloads as CSV.

import { api, download, liveEvents, session } from './api.js';
import { h, replace, message, time } from './dom.js';
import { vehicle, direction, signal, fault, approach, alertKind } from './words.js';
import { timeChart, periods } from './charts.js';
import { cameraMap } from './map.js';

const MAX_EVENTS = 100;
const REFRESH_MS = 30_000;
const CLASSES = ['motorcycle', 'car', 'bus', 'truck', 'bicycle', 'other'];
const LEVEL_INDEX = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 };
const TYPE_LABEL = {
  line_crossing: 'Kendaraan melintas', congestion: 'Kepadatan zona', congestion_alert: 'Peringatan macet',
  signal_change: 'Sinyal berubah', signal_fault: 'Gangguan sinyal', red_light_violation: 'Pelanggaran lampu merah',
};

/** Extra marker layers for the camera map: each loader returns {name, items, color?} (items: {lat, lon, label}). */
const mapLayerLoaders = [];
export function registerMapLayer(load) { mapLayerLoaders.push(load); }

export function renderBoard(main) {
  const showBoard = ['dishub', 'operator', 'admin'].includes(session.role());
  const streamState = h('p', { class: 'msg', id: 'stream-state', role: 'status' });
  const feed = h('ol', { class: 'feed', id: 'event-feed' });
  const feedSection = h('section', {}, h('h2', {}, 'Kejadian terbaru'), streamState, feed);
  if (!showBoard) {
    replace(main, h('h1', {}, 'Kejadian lalu lintas'), feedSection);
    return live(feed, streamState, () => {});
  }

  const names = new Map();
  const cameraSelect = h('select', { id: 'board-camera', 'aria-label': 'Kamera' }, h('option', { value: '' }, 'Semua kamera'));
  const hoursSelect = h('select', { id: 'board-hours', 'aria-label': 'Rentang waktu' },
    [[3, '3 jam'], [6, '6 jam'], [12, '12 jam'], [24, '24 jam']].map(([v, t]) => h('option', { value: v, selected: v === 6 }, t)));
  const directionSelect = h('select', { id: 'board-direction', 'aria-label': 'Arah' },
    h('option', { value: '' }, 'Semua arah'), h('option', { value: 'in' }, 'Masuk'), h('option', { value: 'out' }, 'Keluar'));
  const state = h('p', { class: 'msg', id: 'board-state', role: 'status' });
  const charts = {
    counts: h('div', { class: 'chart', id: 'chart-counts' }),
    levels: h('div', { class: 'chart', id: 'chart-levels' }),
    violations: h('div', { class: 'chart', id: 'chart-violations' }),
  };
  const table = h('tbody', { id: 'congestion-rows' });
  const alertList = h('ul', { class: 'alerts', id: 'alert-list' });
  const alertsOpenOnly = h('input', { type: 'checkbox', id: 'alerts-open-only' });
  const mapBox = h('div', { id: 'map-box' });
  const unplacedLine = h('p', { class: 'msg info', id: 'unplaced' });
  let mapHandle = null;
  const uplots = [];

  function query(extra = {}) {
    const q = new URLSearchParams({ hours: hoursSelect.value, ...extra });
    if (cameraSelect.value) q.set('camera', cameraSelect.value);
    return q.toString();
  }

  function csvButton(what) {
    return h('button', { type: 'button', class: 'small', 'data-csv': what, onclick: async e => {
      try {
        const name = await download(`/console-api/board/${what}?` + query({ format: 'csv' }));
        message(state, 'ok', 'Diunduh: ' + name);
      } catch (err) {
        message(state, 'error', 'Unduhan CSV gagal: ' + err.message);
      }
      e.target.blur();
    } }, 'Unduh CSV');
  }

  replace(main,
    h('h1', {}, 'Papan Dishub: lalu lintas & kejadian'),
    h('div', { class: 'toolbar board-tools' }, h('label', {}, 'Kamera ', cameraSelect), h('label', {}, 'Rentang ', hoursSelect),
      h('button', { type: 'button', onclick: () => refresh() }, 'Muat ulang'), state),
    h('div', { class: 'board-grid' },
      h('section', { class: 'card' }, h('h2', {}, 'Volume kendaraan per 15 menit (format ATCS) ', csvButton('counts')),
        h('label', {}, 'Arah ', directionSelect), charts.counts),
      h('section', { class: 'card' }, h('h2', {}, 'Tingkat pelayanan per zona (A lancar … F macet total) ', csvButton('levels')),
        charts.levels),
      h('section', { class: 'card' }, h('h2', {}, 'Pelanggaran lampu merah per jam ', csvButton('violations')),
        charts.violations),
      h('section', { class: 'card' }, h('h2', {}, 'Peringatan'),
        h('label', {}, alertsOpenOnly, ' hanya yang masih aktif'), alertList),
      h('section', { class: 'card wide' }, h('h2', {}, 'Peta kamera'), mapBox, unplacedLine),
      h('section', { class: 'card wide' }, h('h2', {}, 'Tingkat pelayanan terkini'),
        h('table', {}, h('thead', {}, h('tr', {}, ['Kamera', 'Zona', 'Tingkat', 'Kendaraan (rata-rata)', 'Okupansi',
          'Kecepatan', 'Antrian', 'Arus / menit', 'Waktu'].map(t => h('th', {}, t)))), table))),
    feedSection);

  const cameraName = id => names.get(id) || id;

  async function drawCounts(now) {
    const { items } = await api('GET', '/console-api/board/counts?' + query());
    const rows = items.filter(r => !directionSelect.value || r.direction === directionSelect.value);
    if (!rows.length) return empty(charts.counts, 'Belum ada kendaraan terhitung dalam rentang ini.');
    const x = periods(now - hoursSelect.value * 3600, now, 900);
    const index = new Map(x.map((t, i) => [t, i]));
    const series = CLASSES.map(c => ({ label: vehicle(c), values: x.map(() => 0) }));
    for (const r of rows) {
      const i = index.get(Date.parse(r.start) / 1000);
      if (i === undefined) continue;
      CLASSES.forEach((c, k) => { series[k].values[i] += r.counts[c] || 0; });
    }
    const used = series.filter(s => s.values.some(v => v > 0));
    uplots.push(await timeChart(charts.counts, { x, series: used, yLabel: 'kendaraan / 15 menit' }));
    charts.counts.append(countsTable(rows));
  }

  /** "6 Des 13.00–13.15 WIB" */
  function period(start) {
    const t = Date.parse(start);
    const day = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short' }).format(t);
    const hm = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${day} ${hm.format(t)}–${hm.format(t + 900_000)} WIB`;
  }

  /** The latest periods as ATCS lists them: one row per period and direction, a column per class. */
  function countsTable(rows) {
    const sums = new Map();
    for (const r of rows) {
      const key = r.start + '|' + r.direction;
      if (!sums.has(key)) sums.set(key, { start: r.start, direction: r.direction, counts: {}, total: 0 });
      const s = sums.get(key);
      CLASSES.forEach(c => { s.counts[c] = (s.counts[c] || 0) + (r.counts[c] || 0); });
      s.total += r.total;
    }
    const latest = [...sums.values()].sort((a, b) => Date.parse(b.start) - Date.parse(a.start)
      || a.direction.localeCompare(b.direction)).slice(0, 8);
    return h('table', { class: 'atcs', id: 'counts-table' },
      h('thead', {}, h('tr', {}, ['Periode 15 menit', 'Arah', ...CLASSES.map(vehicle), 'Total'].map(t => h('th', {}, t)))),
      h('tbody', {}, latest.map(s => h('tr', {}, h('td', {}, period(s.start)), h('td', {}, direction(s.direction)),
        CLASSES.map(c => h('td', { class: 'num' }, s.counts[c])), h('td', { class: 'num' }, h('strong', {}, s.total))))));
  }

  async function drawLevels() {
    const { items } = await api('GET', '/console-api/board/levels?' + query());
    if (!items.length) return empty(charts.levels, 'Belum ada penilaian tingkat pelayanan dalam rentang ini.');
    const times = [...new Set(items.flatMap(s => s.points.map(p => Date.parse(p.time) / 1000)))].sort((a, b) => a - b);
    const many = new Set(items.map(s => s.camera)).size > 1;
    const series = items.map(s => {
      const at = new Map(s.points.map(p => [Date.parse(p.time) / 1000, LEVEL_INDEX[p.level]]));
      return { label: (many ? cameraName(s.camera) + ' · ' : '') + 'zona ' + s.zone, values: times.map(t => at.get(t) ?? null) };
    });
    uplots.push(await timeChart(charts.levels, { x: times, series, kind: 'levels', yLabel: 'tingkat' }));
  }

  async function drawViolations(now) {
    const { items } = await api('GET', '/console-api/board/violations?' + query());
    if (!items.length) return empty(charts.violations, 'Tidak ada pelanggaran terdeteksi dalam rentang ini.');
    const x = periods(now - hoursSelect.value * 3600, now, 3600);
    const index = new Map(x.map((t, i) => [t, i]));
    const byCamera = new Map();
    for (const r of items) {
      if (!byCamera.has(r.camera)) byCamera.set(r.camera, x.map(() => 0));
      const i = index.get(Date.parse(r.start) / 1000);
      if (i !== undefined) byCamera.get(r.camera)[i] += r.violations;
    }
    const series = [...byCamera].map(([cam, values]) => ({ label: cameraName(cam), values }));
    uplots.push(await timeChart(charts.violations, { x, series, kind: 'bars', yLabel: 'pelanggaran / jam' }));
  }

  function empty(el, text) {
    replace(el, h('p', { class: 'msg info' }, text));
  }

  async function drawAlerts() {
    const { items } = await api('GET', '/console-api/board/alerts?state=' + (alertsOpenOnly.checked ? 'open' : 'all'));
    const shown = items.filter(a => !cameraSelect.value || a.camera === cameraSelect.value);
    replace(alertList, shown.length ? shown.map(alertItem) : [h('li', { class: 'none' }, 'Tidak ada peringatan.')]);
  }

  function alertItem(a) {
    const note = h('input', { type: 'text', maxlength: 1000, placeholder: 'Catatan…', 'aria-label': 'Catatan' });
    const result = h('span', { class: 'msg', role: 'status' });
    const subject = a.kind === 'congestion' ? 'zona ' + a.subject : 'pendekat ' + approach(a.subject);
    const detail = a.kind === 'congestion' ? 'tingkat ' + a.detail : fault(a.detail);
    async function act(path, required) {
      const text = note.value.trim();
      if (required && !text) { message(result, 'error', 'Tulis catatannya dulu.'); return; }
      if (text.length > 1000) { message(result, 'error', 'Catatan paling banyak 1000 karakter.'); return; }
      try {
        await api('POST', `/console-api/board/alerts/${encodeURIComponent(a.id)}/${path}`, text ? { note: text } : {});
        await drawAlerts();
      } catch (e) {
        message(result, 'error', e.status === 409 ? 'Peringatan ini sudah dikonfirmasi orang lain.'
          : e.status === 404 ? 'Peringatan ini sudah tidak disimpan lagi.' : 'Gagal menyimpan: ' + e.message);
      }
    }
    return h('li', { class: 'alert-item ' + (a.cleared_at ? 'cleared' : 'open') + (a.acknowledged_by ? ' acked' : ''), 'data-id': a.id },
      h('div', {}, h('strong', {}, alertKind(a.kind)), ' · ', cameraName(a.camera), ' · ', subject, ' · ', detail),
      h('div', { class: 'when' }, 'Muncul ', time(a.raised_at), a.cleared_at ? ', selesai ' + time(a.cleared_at) : ', masih aktif'),
      h('div', { class: 'ack' }, a.acknowledged_by
        ? `Dikonfirmasi oleh ${a.acknowledged_by}, ${time(a.acknowledged_at)}` : 'Belum dikonfirmasi'),
      a.notes.length ? h('ul', { class: 'notes' }, a.notes.map(n => h('li', {}, h('span', { class: 'when' }, `${n.by}, ${time(n.at)}: `), n.text))) : null,
      h('div', { class: 'actions' }, note,
        a.acknowledged_by ? null : h('button', { type: 'button', class: 'ack-button', onclick: () => act('acknowledge', false) }, 'Konfirmasi'),
        h('button', { type: 'button', class: 'note-button', onclick: () => act('notes', true) }, 'Tambah catatan'), result));
  }

  async function loadCongestion() {
    try {
      const { items } = await api('GET', '/console-api/congestion');
      replace(table, items.length ? items.map(row) : [h('tr', {}, h('td', { colspan: 9 }, 'Belum ada data kepadatan.'))]);
    } catch (e) {
      replace(table, h('tr', {}, h('td', { colspan: 9, class: 'msg error' }, e.message)));
    }
  }

  function row({ congestion: c, alert }) {
    const flow = Object.entries(c.flow_per_minute || {}).map(([k, v]) => `${vehicle(k)} ${v.toFixed(1)}`).join(', ');
    return h('tr', { class: alert ? 'alert' : null },
      h('td', {}, cameraName(c.camera)), h('td', {}, c.zone),
      h('td', {}, h('span', { class: 'los los-' + c.level }, c.level), alert ? ' ⚠ peringatan' : ''),
      h('td', {}, c.vehicles_mean.toFixed(1)), h('td', {}, c.occupancy_pct.toFixed(0) + ' %'),
      h('td', {}, c.mean_speed_kmh == null ? '—' : c.mean_speed_kmh.toFixed(0) + ' km/j'),
      h('td', {}, c.queue_length_m.toFixed(0) + ' m'), h('td', {}, flow || '—'), h('td', {}, time(c.time)));
  }

  async function drawMap() {
    try {
      const data = await api('GET', '/console-api/board/map');
      mapHandle = await cameraMap(mapBox, data);
      replace(unplacedLine, mapHandle.unplaced.length
        ? 'Tanpa posisi: ' + mapHandle.unplaced.map(c => c.name || c.id).join(', ') + ' (isi position.lat/lon di konfigurasi kamera).'
        : '');
      if (!data.tiles) unplacedLine.prepend('Skema posisi kamera tanpa peta dasar (server peta belum diatur). ');
      for (const load of mapLayerLoaders) {
        try {
          const { name, items, color } = await load();
          mapHandle.addLayer(name, items, color);
        } catch (e) { console.warn('lapisan peta gagal dimuat', e); }
      }
    } catch (e) {
      replace(mapBox, h('p', { class: 'msg error' }, 'Peta tidak dapat ditampilkan: ' + e.message));
    }
  }

  let running = null;
  async function refresh() {
    if (running) return running;
    running = (async () => {
      const now = Math.floor(Date.now() / 1000);
      uplots.splice(0).forEach(u => u.destroy());
      try {
        await Promise.all([drawCounts(now), drawLevels(), drawViolations(now), drawAlerts(), loadCongestion()]);
        message(state, 'info', 'Diperbarui ' + time(new Date(now * 1000).toISOString()));
      } catch (e) {
        message(state, 'error', 'Data papan tidak dapat dimuat: ' + e.message);
      }
    })();
    try { await running; } finally { running = null; }
  }

  async function loadCameras() {
    try {
      const { items } = await api('GET', '/console-api/cameras');
      for (const c of items) {
        names.set(c.id, c.name || c.id);
        cameraSelect.append(h('option', { value: c.id }, c.name || c.id));
      }
    } catch { /* names fall back to ids */ }
  }

  for (const el of [cameraSelect, hoursSelect, directionSelect, alertsOpenOnly]) el.addEventListener('change', () => refresh());
  let pending = null;
  // traffic events arrive continuously: redraw at most every 15 s, so a reader hovering over a chart is not disturbed
  const soon = () => { if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 15_000); };
  const timer = setInterval(refresh, REFRESH_MS);
  const stopLive = live(feed, streamState, type => {
    if (type === 'congestion_alert' || type === 'signal_fault') drawAlerts().catch(() => {});
    if (type !== 'signal_change') soon();
  });
  loadCameras().then(() => Promise.all([refresh(), drawMap()]));
  return () => {
    stopLive();
    clearInterval(timer);
    clearTimeout(pending);
    uplots.forEach(u => u.destroy());
    mapHandle?.remove();
  };
}

function describe(type, e) {
  switch (type) {
    case 'line_crossing': return `${vehicle(e.class)} ${direction(e.direction)} di garis ${e.line}`;
    case 'congestion': return `zona ${e.zone}: tingkat ${e.level}, okupansi ${e.occupancy_pct.toFixed(0)} %`;
    case 'congestion_alert': return `zona ${e.zone}: ${e.state === 'raised' ? 'MACET' : 'kembali normal'} (tingkat ${e.level})`;
    case 'signal_change': return `pendekat ${approach(e.approach)}: ${signal(e.state)}`;
    case 'signal_fault': return `pendekat ${approach(e.approach)}: ${fault(e.fault)}${e.state === 'cleared' ? ' (pulih)' : ''}`;
    case 'red_light_violation': return `pendekat ${approach(e.approach)}, ${vehicle(e.class)}` + (e.plate?.text ? `, pelat ${e.plate.text}` : '');
    default: return '';
  }
}

/** The live event feed; onEvent(type) lets the board refresh what an event changes. Returns the stop function. */
function live(feed, streamState, onEvent) {
  return liveEvents((type, e) => {
    feed.prepend(h('li', { class: 'ev ev-' + type },
      h('span', { class: 'when' }, time(e.time)), ' ', h('strong', {}, TYPE_LABEL[type] || type), ' · ',
      h('code', {}, e.camera), ' · ', describe(type, e)));
    while (feed.children.length > MAX_EVENTS) feed.lastChild.remove();
    onEvent(type);
  }, s => message(streamState, s === 'open' ? 'ok' : 'error', {
    open: 'Terhubung: kejadian tampil saat terjadi.', reconnecting: 'Sambungan terputus, menyambung ulang…',
    denied: 'Tidak berhak melihat kejadian.' }[s]));
}
