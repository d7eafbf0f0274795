// Traffic board: the congestion level of every zone (Dishub) and a live feed of pipeline events (SSE).

import { api, liveEvents, session } from './api.js';
import { h, replace, message, time } from './dom.js';
import { vehicle, direction, signal, fault, approach } from './words.js';

const MAX_EVENTS = 100;
const TYPE_LABEL = {
  line_crossing: 'Kendaraan melintas', congestion: 'Kepadatan zona', congestion_alert: 'Peringatan macet',
  signal_change: 'Sinyal berubah', signal_fault: 'Gangguan sinyal', red_light_violation: 'Pelanggaran lampu merah',
};

export function renderBoard(main) {
  const showCongestion = ['dishub', 'operator', 'admin'].includes(session.role());
  const streamState = h('p', { class: 'msg', id: 'stream-state', role: 'status' });
  const table = h('tbody', { id: 'congestion-rows' });
  const feed = h('ol', { class: 'feed', id: 'event-feed' });
  replace(main,
    h('h1', {}, 'Lalu lintas & kejadian'),
    showCongestion ? h('section', {},
      h('h2', {}, 'Tingkat pelayanan per zona (A lancar … F macet total)'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Kamera', 'Zona', 'Tingkat', 'Kendaraan (rata-rata)', 'Okupansi',
        'Kecepatan', 'Antrian', 'Arus / menit', 'Waktu'].map(t => h('th', {}, t)))), table)) : null,
    h('section', {}, h('h2', {}, 'Kejadian terbaru'), streamState, feed));

  async function loadBoard() {
    if (!showCongestion) return;
    try {
      const { items } = await api('GET', '/console-api/congestion');
      replace(table, items.length ? items.map(row) : [h('tr', {}, h('td', { colspan: 9 }, 'Belum ada data kepadatan.'))]);
    } catch (e) {
      replace(table, h('tr', {}, h('td', { colspan: 9, class: 'msg error' }, e.message)));
    }
  }

  function row({ congestion: c, alert }) {
    const flow = Object.entries(c.flow_per_minute || {}).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    return h('tr', { class: alert ? 'alert' : null },
      h('td', {}, c.camera), h('td', {}, c.zone),
      h('td', {}, h('span', { class: 'los los-' + c.level }, c.level), alert ? ' ⚠ peringatan' : ''),
      h('td', {}, c.vehicles_mean.toFixed(1)), h('td', {}, c.occupancy_pct.toFixed(0) + ' %'),
      h('td', {}, c.mean_speed_kmh == null ? '—' : c.mean_speed_kmh.toFixed(0) + ' km/j'),
      h('td', {}, c.queue_length_m.toFixed(0) + ' m'), h('td', {}, flow || '—'), h('td', {}, time(c.time)));
  }

  function describe(type, e) {
    switch (type) {
      case 'line_crossing': return `${vehicle(e.class)} ${direction(e.direction)} di garis ${e.line}`;
      case 'congestion': return `zona ${e.zone}: tingkat ${e.level}, okupansi ${e.occupancy_pct.toFixed(0)} %`;
      case 'congestion_alert': return `zona ${e.zone}: ${e.state === 'raised' ? 'MACET' : 'kembali normal'} (tingkat ${e.level})`;
      case 'signal_change': return `pendekat ${approach(e.approach)}: ${signal(e.state)}`;
      case 'signal_fault': return `pendekat ${approach(e.approach)}: ${fault(e.kind)}`;
      case 'red_light_violation': return `pendekat ${approach(e.approach)}, ${vehicle(e.class)}` + (e.plate?.text ? `, pelat ${e.plate.text}` : '');
      default: return '';
    }
  }

  const stop = liveEvents((type, e) => {
    feed.prepend(h('li', { class: 'ev ev-' + type },
      h('span', { class: 'when' }, time(e.time)), ' ', h('strong', {}, TYPE_LABEL[type] || type), ' · ',
      h('code', {}, e.camera), ' · ', describe(type, e)));
    while (feed.children.length > MAX_EVENTS) feed.lastChild.remove();
    if (type === 'congestion' || type === 'congestion_alert') loadBoard();
  }, state => message(streamState, state === 'open' ? 'ok' : 'error', {
    open: 'Terhubung: kejadian tampil saat terjadi.', reconnecting: 'Sambungan terputus, menyambung ulang…',
    denied: 'Tidak berhak melihat kejadian.' }[state]));
  loadBoard();
  return stop;
}
