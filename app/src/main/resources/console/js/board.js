// Dishub's board: vehicle counts per 15 minutes (ATCS style), level of service per zone over time, red-light
// violations per hour, the alert list (acknowledge, notes), the camera map and the live event feed. Police see
// the live feed only (the server refuses them the board's figures). Every chart's data downloads as CSV.

import { api, download, liveEvents, session } from './api.js';
import { h, replace, message, time } from './dom.js';
import { vehicle, direction, signal, fault, approach, alertKind, complaintCategory, complaintStatus } from './words.js';
import { timeChart, periods } from './charts.js';
import { tr } from './i18n.js';
import { cameraMap } from './map.js';

const MAX_EVENTS = 100;
const COMPLAINT_LAYER = () => tr('Pengaduan terbuka', 'Open complaints');
const COMPLAINT_CATEGORIES = ['macet', 'lampu_lalu_lintas_mati', 'jalan_rusak', 'lampu_jalan', 'lainnya'];
const REFRESH_MS = 30_000;
const CLASSES = ['motorcycle', 'car', 'bus', 'truck', 'bicycle', 'other'];
const LEVEL_INDEX = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 };
const TYPE_LABEL = () => ({
  line_crossing: tr('Kendaraan melintas', 'Vehicle crossing'), congestion: tr('Kepadatan zona', 'Zone density'),
  congestion_alert: tr('Peringatan macet', 'Congestion alert'), signal_change: tr('Sinyal berubah', 'Signal change'),
  signal_fault: tr('Gangguan sinyal', 'Signal fault'), red_light_violation: tr('Pelanggaran lampu merah', 'Red-light violation'),
});

/** Extra marker layers for the camera map: each loader returns {name, items, color?} (items: {lat, lon, label}). */
const mapLayerLoaders = [];
export function registerMapLayer(load) { mapLayerLoaders.push(load); }

export function renderBoard(main) {
  const showBoard = ['dishub', 'operator', 'admin'].includes(session.role());
  const streamState = h('p', { class: 'msg', id: 'stream-state', role: 'status' });
  const feed = h('ol', { class: 'feed', id: 'event-feed' });
  const feedSection = h('section', {}, h('h2', {}, tr('Kejadian terbaru', 'Latest events')), streamState, feed);
  if (!showBoard) {
    replace(main, h('h1', {}, tr('Kejadian lalu lintas', 'Traffic events')), feedSection);
    return live(feed, streamState, () => {});
  }

  const names = new Map();
  const cameraSelect = h('select', { id: 'board-camera', 'aria-label': tr('Kamera', 'Camera') }, h('option', { value: '' }, tr('Semua kamera', 'All cameras')));
  const hoursSelect = h('select', { id: 'board-hours', 'aria-label': tr('Rentang waktu', 'Time range') },
    [3, 6, 12, 24].map(v => h('option', { value: v, selected: v === 6 }, v + tr(' jam', ' hours'))));
  const directionSelect = h('select', { id: 'board-direction', 'aria-label': tr('Arah', 'Direction') },
    h('option', { value: '' }, tr('Semua arah', 'All directions')), h('option', { value: 'in' }, tr('Masuk', 'In')),
    h('option', { value: 'out' }, tr('Keluar', 'Out')));
  const state = h('p', { class: 'msg', id: 'board-state', role: 'status' });
  const charts = {
    counts: h('div', { class: 'chart', id: 'chart-counts' }),
    levels: h('div', { class: 'chart', id: 'chart-levels' }),
    violations: h('div', { class: 'chart', id: 'chart-violations' }),
  };
  const table = h('tbody', { id: 'congestion-rows' });
  const alertList = h('ul', { class: 'alerts', id: 'alert-list' });
  const alertsOpenOnly = h('input', { type: 'checkbox', id: 'alerts-open-only' });
  const complaintList = h('ul', { class: 'alerts complaints', id: 'board-complaints' });
  const complaintCategorySelect = h('select', { id: 'board-complaint-category', 'aria-label': tr('Kategori pengaduan', 'Complaint category') },
    h('option', { value: '' }, tr('Semua kategori', 'All categories')), COMPLAINT_CATEGORIES.map(c => h('option', { value: c }, complaintCategory(c))));
  const complaintAreaSelect = h('select', { id: 'board-complaint-area', 'aria-label': tr('Wilayah pengaduan', 'Complaint area') },
    h('option', { value: '' }, tr('Semua wilayah', 'All areas')));
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
        message(state, 'ok', tr('Diunduh: ', 'Downloaded: ') + name);
      } catch (err) {
        message(state, 'error', tr('Unduhan CSV gagal: ', 'CSV download failed: ') + err.message);
      }
      e.target.blur();
    } }, tr('Unduh CSV', 'Download CSV'));
  }

  replace(main,
    h('h1', {}, tr('Papan Dishub: lalu lintas & kejadian', 'Dishub board: traffic & events')),
    h('div', { class: 'toolbar board-tools' }, h('label', {}, tr('Kamera ', 'Camera '), cameraSelect), h('label', {}, tr('Rentang ', 'Range '), hoursSelect),
      h('button', { type: 'button', onclick: () => refresh() }, tr('Muat ulang', 'Reload')), state),
    h('div', { class: 'board-grid' },
      h('section', { class: 'card' }, h('h2', {}, tr('Volume kendaraan per 15 menit (format ATCS) ', 'Vehicles per 15 minutes (ATCS format) '), csvButton('counts')),
        h('label', {}, tr('Arah ', 'Direction '), directionSelect), charts.counts),
      h('section', { class: 'card' }, h('h2', {}, tr('Tingkat pelayanan per zona (A lancar … F macet total) ', 'Level of service per zone (A free flow … F gridlock) '), csvButton('levels')),
        charts.levels),
      h('section', { class: 'card' }, h('h2', {}, tr('Pelanggaran lampu merah per jam ', 'Red-light violations per hour '), csvButton('violations')),
        charts.violations),
      h('section', { class: 'card' }, h('h2', {}, tr('Peringatan', 'Alerts')),
        h('label', {}, alertsOpenOnly, tr(' hanya yang masih aktif', ' open only')), alertList),
      h('section', { class: 'card' }, h('h2', {}, tr('Pengaduan warga terbuka (SiKesal)', 'Open citizen complaints (SiKesal)')),
        h('div', { class: 'toolbar' }, h('label', {}, tr('Kategori ', 'Category '), complaintCategorySelect),
          h('label', {}, tr('Wilayah ', 'Area '), complaintAreaSelect)), complaintList),
      h('section', { class: 'card wide' }, h('h2', {}, tr('Peta kamera', 'Camera map')), mapBox, unplacedLine),
      h('section', { class: 'card wide' }, h('h2', {}, tr('Tingkat pelayanan terkini', 'Current level of service')),
        h('table', {}, h('thead', {}, h('tr', {}, (tr('Kamera|Zona|Tingkat|Kendaraan (rata-rata)|Okupansi|Kecepatan|Antrian|Arus / menit|Waktu',
          'Camera|Zone|Level|Vehicles (mean)|Occupancy|Speed|Queue|Flow / minute|Time')).split('|').map(t => h('th', {}, t)))), table))),
    feedSection);

  const cameraName = id => names.get(id) || id;

  async function drawCounts(now) {
    const { items } = await api('GET', '/console-api/board/counts?' + query());
    const rows = items.filter(r => !directionSelect.value || r.direction === directionSelect.value);
    if (!rows.length) return empty(charts.counts, tr('Belum ada kendaraan terhitung dalam rentang ini.', 'No vehicles counted in this range yet.'));
    const x = periods(now - hoursSelect.value * 3600, now, 900);
    const index = new Map(x.map((t, i) => [t, i]));
    const series = CLASSES.map(c => ({ label: vehicle(c), values: x.map(() => 0) }));
    for (const r of rows) {
      const i = index.get(Date.parse(r.start) / 1000);
      if (i === undefined) continue;
      CLASSES.forEach((c, k) => { series[k].values[i] += r.counts[c] || 0; });
    }
    const used = series.filter(s => s.values.some(v => v > 0));
    uplots.push(await timeChart(charts.counts, { x, series: used, yLabel: tr('kendaraan / 15 menit', 'vehicles / 15 minutes') }));
    charts.counts.append(countsTable(rows));
  }

  /** "6 Des 13.00–13.15 WIB" */
  function period(start) {
    const t = Date.parse(start);
    const day = new Intl.DateTimeFormat(tr('id-ID', 'en-GB'), { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short' }).format(t);
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
      h('thead', {}, h('tr', {}, [tr('Periode 15 menit', '15-minute period'), tr('Arah', 'Direction'), ...CLASSES.map(vehicle), 'Total'].map(t => h('th', {}, t)))),
      h('tbody', {}, latest.map(s => h('tr', {}, h('td', {}, period(s.start)), h('td', {}, direction(s.direction)),
        CLASSES.map(c => h('td', { class: 'num' }, s.counts[c])), h('td', { class: 'num' }, h('strong', {}, s.total))))));
  }

  async function drawLevels() {
    const { items } = await api('GET', '/console-api/board/levels?' + query());
    if (!items.length) return empty(charts.levels, tr('Belum ada penilaian tingkat pelayanan dalam rentang ini.', 'No level-of-service ratings in this range yet.'));
    const times = [...new Set(items.flatMap(s => s.points.map(p => Date.parse(p.time) / 1000)))].sort((a, b) => a - b);
    const many = new Set(items.map(s => s.camera)).size > 1;
    const series = items.map(s => {
      const at = new Map(s.points.map(p => [Date.parse(p.time) / 1000, LEVEL_INDEX[p.level]]));
      return { label: (many ? cameraName(s.camera) + ' · ' : '') + tr('zona ', 'zone ') + s.zone, values: times.map(t => at.get(t) ?? null) };
    });
    uplots.push(await timeChart(charts.levels, { x: times, series, kind: 'levels', yLabel: tr('tingkat', 'level') }));
  }

  async function drawViolations(now) {
    const { items } = await api('GET', '/console-api/board/violations?' + query());
    if (!items.length) return empty(charts.violations, tr('Tidak ada pelanggaran terdeteksi dalam rentang ini.', 'No violations detected in this range.'));
    const x = periods(now - hoursSelect.value * 3600, now, 3600);
    const index = new Map(x.map((t, i) => [t, i]));
    const byCamera = new Map();
    for (const r of items) {
      if (!byCamera.has(r.camera)) byCamera.set(r.camera, x.map(() => 0));
      const i = index.get(Date.parse(r.start) / 1000);
      if (i !== undefined) byCamera.get(r.camera)[i] += r.violations;
    }
    const series = [...byCamera].map(([cam, values]) => ({ label: cameraName(cam), values }));
    uplots.push(await timeChart(charts.violations, { x, series, kind: 'bars', yLabel: tr('pelanggaran / jam', 'violations / hour') }));
  }

  function empty(el, text) {
    replace(el, h('p', { class: 'msg info' }, text));
  }

  async function drawAlerts() {
    const { items } = await api('GET', '/console-api/board/alerts?state=' + (alertsOpenOnly.checked ? 'open' : 'all'));
    const shown = items.filter(a => !cameraSelect.value || a.camera === cameraSelect.value);
    replace(alertList, shown.length ? shown.map(alertItem) : [h('li', { class: 'none' }, tr('Tidak ada peringatan.', 'No alerts.'))]);
  }

  function alertItem(a) {
    const note = h('input', { type: 'text', maxlength: 1000, placeholder: tr('Catatan…', 'Note…'), 'aria-label': tr('Catatan', 'Note') });
    const result = h('span', { class: 'msg', role: 'status' });
    const subject = a.kind === 'congestion' ? tr('zona ', 'zone ') + a.subject : tr('pendekat ', 'approach ') + approach(a.subject);
    const detail = a.kind === 'congestion' ? tr('tingkat ', 'level ') + a.detail : fault(a.detail);
    async function act(path, required) {
      const text = note.value.trim();
      if (required && !text) { message(result, 'error', tr('Tulis catatannya dulu.', 'Write the note first.')); return; }
      if (text.length > 1000) { message(result, 'error', tr('Catatan paling banyak 1000 karakter.', 'A note has at most 1000 characters.')); return; }
      try {
        await api('POST', `/console-api/board/alerts/${encodeURIComponent(a.id)}/${path}`, text ? { note: text } : {});
        await drawAlerts();
      } catch (e) {
        message(result, 'error', e.status === 409 ? tr('Peringatan ini sudah dikonfirmasi orang lain.', 'Someone else has already acknowledged this alert.')
          : e.status === 404 ? tr('Peringatan ini sudah tidak disimpan lagi.', 'This alert is no longer kept.')
          : tr('Gagal menyimpan: ', 'Saving failed: ') + e.message);
      }
    }
    return h('li', { class: 'alert-item ' + (a.cleared_at ? 'cleared' : 'open') + (a.acknowledged_by ? ' acked' : ''), 'data-id': a.id },
      h('div', {}, h('strong', {}, alertKind(a.kind)), ' · ', cameraName(a.camera), ' · ', subject, ' · ', detail),
      h('div', { class: 'when' }, tr('Muncul ', 'Raised '), time(a.raised_at),
        a.cleared_at ? tr(', selesai ', ', cleared ') + time(a.cleared_at) : tr(', masih aktif', ', still open')),
      h('div', { class: 'ack' }, a.acknowledged_by
        ? tr('Dikonfirmasi oleh ', 'Acknowledged by ') + `${a.acknowledged_by}, ${time(a.acknowledged_at)}`
        : tr('Belum dikonfirmasi', 'Not acknowledged yet')),
      a.notes.length ? h('ul', { class: 'notes' }, a.notes.map(n => h('li', {}, h('span', { class: 'when' }, `${n.by}, ${time(n.at)}: `), n.text))) : null,
      h('div', { class: 'actions' }, note,
        a.acknowledged_by ? null : h('button', { type: 'button', class: 'ack-button', onclick: () => act('acknowledge', false) }, tr('Konfirmasi', 'Acknowledge')),
        h('button', { type: 'button', class: 'note-button', onclick: () => act('notes', true) }, tr('Tambah catatan', 'Add note')), result));
  }

  /** The open complaints as the filters ask; the area list is kept from every open complaint seen. */
  async function openComplaints() {
    const q = new URLSearchParams();
    if (complaintCategorySelect.value) q.set('category', complaintCategorySelect.value);
    if (complaintAreaSelect.value) q.set('area', complaintAreaSelect.value);
    const { items } = await api('GET', '/api/complaints/board?' + q);
    return items.filter(c => !cameraSelect.value || (c.cameras || []).some(k => (k.camera ?? k.id ?? k) === cameraSelect.value));
  }

  async function drawComplaints() {
    try {
      const items = await openComplaints();
      const known = new Set([...complaintAreaSelect.options].map(o => o.value));
      for (const a of new Set(items.map(c => c.area).filter(Boolean))) {
        if (!known.has(a)) complaintAreaSelect.append(h('option', { value: a }, a));
      }
      replace(complaintList, items.length ? items.map(complaintItem)
        : [h('li', { class: 'none' }, tr('Tidak ada pengaduan terbuka.', 'No open complaints.'))]);
      if (mapHandle) mapHandle.addLayer(COMPLAINT_LAYER(), complaintMarkers(items), '#6a1b9a'); // same filters on the map
    } catch (e) {
      replace(complaintList, h('li', { class: 'msg error' }, tr('Pengaduan tidak dapat dimuat: ', 'Complaints could not be loaded: ') + e.message));
    }
  }

  /** Complaints with coordinates as map markers (one given only by address has no point on the map). */
  function complaintMarkers(items) {
    return items.filter(c => c.lat != null && c.lon != null).map(c => ({ lat: c.lat, lon: c.lon,
      label: tr('Pengaduan: ', 'Complaint: ') + `${complaintCategory(c.category)} · ${complaintStatus(c.status)}`
        + (c.corroborated ? tr(' · terkonfirmasi kamera', ' · confirmed by camera') : '') }));
  }

  function complaintItem(c) {
    const cameras = (c.cameras || []).map(k => cameraName(k.camera ?? k.id ?? k)).join(', ');
    return h('li', { class: 'alert-item complaint-item' + (c.corroborated ? ' confirmed-item' : ''), 'data-id': c.id },
      h('div', {}, h('strong', {}, complaintCategory(c.category)), ' · ', complaintStatus(c.status),
        c.area ? ' · ' + c.area : '', c.corroborated ? h('span', { class: 'confirmed' }, tr(' · terkonfirmasi kamera', ' · confirmed by camera')) : ''),
      h('div', { class: 'when' }, tr('Dilaporkan ', 'Reported '), time(c.reported_at), c.address ? ' · ' + c.address : ''),
      cameras ? h('div', {}, tr('Kamera terdekat: ', 'Nearest cameras: '), cameras) : null,
      h('a', { href: '#/complaints/' + c.id }, tr('Buka pengaduan', 'Open complaint')));
  }

  async function loadCongestion() {
    try {
      const { items } = await api('GET', '/console-api/congestion');
      replace(table, items.length ? items.map(row) : [h('tr', {}, h('td', { colspan: 9 }, tr('Belum ada data kepadatan.', 'No density data yet.')))]);
    } catch (e) {
      replace(table, h('tr', {}, h('td', { colspan: 9, class: 'msg error' }, e.message)));
    }
  }

  function row({ congestion: c, alert }) {
    const flow = Object.entries(c.flow_per_minute || {}).map(([k, v]) => `${vehicle(k)} ${v.toFixed(1)}`).join(', ');
    return h('tr', { class: alert ? 'alert' : null },
      h('td', {}, cameraName(c.camera)), h('td', {}, c.zone),
      h('td', {}, h('span', { class: 'los los-' + c.level }, c.level), alert ? tr(' ⚠ peringatan', ' ⚠ alert') : ''),
      h('td', {}, c.vehicles_mean.toFixed(1)), h('td', {}, c.occupancy_pct.toFixed(0) + ' %'),
      h('td', {}, c.mean_speed_kmh == null ? '—' : c.mean_speed_kmh.toFixed(0) + tr(' km/j', ' km/h')),
      h('td', {}, c.queue_length_m.toFixed(0) + ' m'), h('td', {}, flow || '—'), h('td', {}, time(c.time)));
  }

  async function drawMap() {
    try {
      const data = await api('GET', '/console-api/board/map');
      mapHandle = await cameraMap(mapBox, data);
      replace(unplacedLine, mapHandle.unplaced.length
        ? tr('Tanpa posisi: ', 'Without position: ') + mapHandle.unplaced.map(c => c.name || c.id).join(', ')
          + tr(' (isi position.lat/lon di konfigurasi kamera).', ' (fill in position.lat/lon in the camera configuration).')
        : '');
      if (!data.tiles) unplacedLine.prepend(tr('Skema posisi kamera tanpa peta dasar (server peta belum diatur). ',
        'Camera positions as a schematic, no base map (no map server configured). '));
      try {
        mapHandle.addLayer(COMPLAINT_LAYER(), complaintMarkers(await openComplaints()), '#6a1b9a');
      } catch (e) { console.warn('pengaduan tidak dapat dimuat', e); }
      for (const load of mapLayerLoaders) {
        try {
          const { name, items, color } = await load();
          mapHandle.addLayer(name, items, color);
        } catch (e) { console.warn('lapisan peta gagal dimuat', e); }
      }
    } catch (e) {
      replace(mapBox, h('p', { class: 'msg error' }, tr('Peta tidak dapat ditampilkan: ', 'The map cannot be shown: ') + e.message));
    }
  }

  let running = null;
  async function refresh() {
    if (running) return running;
    running = (async () => {
      const now = Math.floor(Date.now() / 1000);
      uplots.splice(0).forEach(u => u.destroy());
      try {
        await Promise.all([drawCounts(now), drawLevels(), drawViolations(now), drawAlerts(), drawComplaints(), loadCongestion()]);
        message(state, 'info', tr('Diperbarui ', 'Updated ') + time(new Date(now * 1000).toISOString()));
      } catch (e) {
        message(state, 'error', tr('Data papan tidak dapat dimuat: ', 'The board data could not be loaded: ') + e.message);
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
  for (const el of [complaintCategorySelect, complaintAreaSelect]) el.addEventListener('change', () => drawComplaints());
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
    case 'line_crossing': return `${vehicle(e.class)} ${direction(e.direction)} ${tr('di garis', 'at line')} ${e.line}`;
    case 'congestion': return tr(`zona ${e.zone}: tingkat ${e.level}, okupansi ${e.occupancy_pct.toFixed(0)} %`,
      `zone ${e.zone}: level ${e.level}, occupancy ${e.occupancy_pct.toFixed(0)} %`);
    case 'congestion_alert': return tr(`zona ${e.zone}: ${e.state === 'raised' ? 'MACET' : 'kembali normal'} (tingkat ${e.level})`,
      `zone ${e.zone}: ${e.state === 'raised' ? 'CONGESTED' : 'back to normal'} (level ${e.level})`);
    case 'signal_change': return `${tr('pendekat', 'approach')} ${approach(e.approach)}: ${signal(e.state)}`;
    case 'signal_fault': return `${tr('pendekat', 'approach')} ${approach(e.approach)}: ${fault(e.fault)}${e.state === 'cleared' ? tr(' (pulih)', ' (recovered)') : ''}`;
    case 'red_light_violation': return `${tr('pendekat', 'approach')} ${approach(e.approach)}, ${vehicle(e.class)}`
      + (e.plate?.text ? `, ${tr('pelat', 'plate')} ${e.plate.text}` : '');
    default: return '';
  }
}

/** The live event feed; onEvent(type) lets the board refresh what an event changes. Returns the stop function. */
function live(feed, streamState, onEvent) {
  return liveEvents((type, e) => {
    feed.prepend(h('li', { class: 'ev ev-' + type },
      h('span', { class: 'when' }, time(e.time)), ' ', h('strong', {}, TYPE_LABEL()[type] || type), ' · ',
      h('code', {}, e.camera), ' · ', describe(type, e)));
    while (feed.children.length > MAX_EVENTS) feed.lastChild.remove();
    onEvent(type);
  }, s => message(streamState, s === 'open' ? 'ok' : 'error', {
    open: tr('Terhubung: kejadian tampil saat terjadi.', 'Connected: events appear as they happen.'),
    reconnecting: tr('Sambungan terputus, menyambung ulang…', 'Connection lost, reconnecting…'),
    denied: tr('Tidak berhak melihat kejadian.', 'Not allowed to see events.') }[s]));
}
