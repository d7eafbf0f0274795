// Citizen complaints from SiKesal (dishub, operator, admin): the list with filters, one complaint with its linked
// cameras and the camera alerts that confirm it ("terkonfirmasi kamera", with the camera's snapshot), the status
// actions, and complaints per category per day as a uPlot chart and a CSV download. The reporter's contact is
// redacted by the server for everyone but admins.

import { api, blobUrl } from './api.js';
import { h, replace, message, time } from './dom.js';
import { complaintCategory, complaintStatus, fault, approach } from './words.js';
import { tr } from './i18n.js';

const CATEGORIES = ['macet', 'lampu_lalu_lintas_mati', 'jalan_rusak', 'lampu_jalan', 'lainnya'];
const STATUSES = ['baru', 'diteruskan', 'ditangani', 'selesai', 'ditolak'];
// one colour per category, the same in the chart and its legend
const COLOURS = ['#c0392b', '#d68910', '#7d6608', '#1f618d', '#566573'];
const UPLOT = '/vendor/uplot/1.6.30/dist/';

/** Loads uPlot from this server once (the CSP allows nothing else); resolves to the uPlot constructor. */
let uplotLoading = null;
function loadUplot() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  if (!uplotLoading) {
    uplotLoading = new Promise((resolve, reject) => {
      document.head.append(h('link', { rel: 'stylesheet', href: UPLOT + 'uPlot.min.css' }));
      const s = h('script', { src: UPLOT + 'uPlot.iife.min.js' });
      s.addEventListener('load', () => resolve(window.uPlot));
      s.addEventListener('error', () => { uplotLoading = null; reject(new Error(tr('pustaka grafik tidak termuat', 'the chart library did not load'))); });
      document.head.append(s);
    });
  }
  return uplotLoading;
}

export function renderComplaints(main, arg) {
  const urls = [];
  const status = h('p', { class: 'msg', role: 'status', id: 'complaint-status' });
  const category = h('select', { id: 'filter-category' }, h('option', { value: '' }, tr('Semua kategori', 'All categories')),
    CATEGORIES.map(c => h('option', { value: c }, complaintCategory(c))));
  const state = h('select', { id: 'filter-status' }, h('option', { value: 'terbuka' }, tr('Terbuka', 'Open')),
    h('option', { value: '' }, tr('Semua status', 'All statuses')), STATUSES.map(s => h('option', { value: s }, complaintStatus(s))));
  const camera = h('input', { id: 'filter-camera', placeholder: tr('ID kamera', 'camera ID'), size: 18 });
  const area = h('input', { id: 'filter-area', placeholder: tr('Kecamatan', 'District'), size: 16 });
  const rows = h('tbody', { id: 'complaint-rows' });
  const detail = h('section', { id: 'complaint', class: 'card' }, h('p', { class: 'hint' }, tr('Pilih pengaduan untuk melihat rinciannya.', 'Choose a complaint to see its details.')));
  const chart = h('div', { id: 'complaint-chart' });
  const csv = h('a', { id: 'complaint-csv', class: 'button', href: '#', download: 'pengaduan-per-hari.csv' }, tr('Unduh CSV', 'Download CSV'));
  const filters = h('form', { class: 'inline', id: 'complaint-filters', onsubmit: e => { e.preventDefault(); load(); } },
    h('label', {}, tr('Kategori ', 'Category '), category), h('label', {}, 'Status ', state),
    h('label', {}, tr('Kamera ', 'Camera '), camera), h('label', {}, tr('Wilayah ', 'Area '), area),
    h('button', { type: 'submit' }, tr('Tampilkan', 'Show')));

  replace(main, h('h1', {}, tr('Pengaduan masyarakat (SiKesal)', 'Citizen complaints (SiKesal)')),
    h('p', {}, tr('Laporan warga tentang kemacetan, lampu lalu lintas, jalan dan lampu jalan; kamera terdekat dapat mengonfirmasinya.',
      'Citizens\' reports of congestion, traffic lights, roads and street lights; the nearest cameras can confirm them.')),
    status, filters,
    h('div', { class: 'split' },
      h('table', {}, h('thead', {}, h('tr', {}, tr('Dilaporkan|Kategori|Lokasi|Status|Kamera', 'Reported|Category|Location|Status|Camera').split('|')
        .map(t => h('th', {}, t)))), rows),
      detail),
    h('section', {}, h('h2', {}, tr('Pengaduan per kategori per hari (30 hari terakhir)', 'Complaints per category per day (last 30 days)')), chart, h('p', {}, csv)));

  function query() {
    const q = new URLSearchParams();
    if (category.value) q.set('category', category.value);
    if (state.value) q.set('status', state.value);
    if (camera.value.trim()) q.set('camera', camera.value.trim());
    if (area.value.trim()) q.set('area', area.value.trim());
    return q.toString();
  }

  async function load() {
    try {
      const { items } = await api('GET', '/api/complaints?' + query());
      replace(rows, items.length ? items.map(row)
        : [h('tr', {}, h('td', { colspan: 5 }, tr('Tidak ada pengaduan dengan saringan ini.', 'No complaints match these filters.')))]);
    } catch (e) {
      message(status, 'error', e.message);
    }
  }

  function row(c) {
    return h('tr', { class: 'clickable', 'data-complaint': c.id, onclick: () => show(c.id) },
      h('td', {}, time(c.reported_at)), h('td', {}, complaintCategory(c.category)),
      h('td', {}, [c.location.address, c.area].filter(Boolean).join(' — ') || coords(c.location)),
      h('td', {}, complaintStatus(c.status)),
      h('td', {}, c.corroborated ? h('strong', { class: 'confirmed' }, tr('terkonfirmasi kamera', 'confirmed by camera'))
        : c.cameras.length ? c.cameras.map(l => l.camera).join(', ') : '—'));
  }

  async function show(id) {
    try {
      const c = await api('GET', '/api/complaints/' + id);
      history.replaceState(null, '', '#/complaints/' + id);   // no hashchange: the page stays as it is
      const photo = h('div', { class: 'photos' });
      replace(detail,
        h('h2', {}, complaintCategory(c.category) + ' — ' + complaintStatus(c.status)),
        c.corroborated ? h('p', { class: 'msg ok', id: 'corroborated' }, tr('Terkonfirmasi kamera', 'Confirmed by camera')) : null,
        h('p', { id: 'complaint-text' }, c.text),
        h('dl', {},
          h('dt', {}, tr('Nomor SiKesal', 'SiKesal number')), h('dd', {}, c.external_id),
          h('dt', {}, tr('Sumber', 'Source')), h('dd', {}, c.source === 'kamera' ? tr('laporan otomatis kamera', 'automatic camera report')
            : tr('warga (SiKesal)', 'citizen (SiKesal)')),
          h('dt', {}, tr('Dilaporkan', 'Reported')), h('dd', {}, time(c.reported_at)),
          h('dt', {}, tr('Lokasi', 'Location')), h('dd', {}, [c.location.address, coords(c.location)].filter(Boolean).join(' · ') || '—'),
          h('dt', {}, tr('Wilayah', 'Area')), h('dd', {}, c.area || '—'),
          h('dt', {}, tr('Pelapor', 'Reporter')), h('dd', { id: 'reporter' }, c.reporter_contact === '[disembunyikan]' ? tr('disembunyikan', 'hidden')
            : c.reporter_contact || '—'),
          h('dt', {}, 'OPD'), h('dd', {}, c.opd || '—'),
          c.status_reason ? [h('dt', {}, tr('Alasan', 'Reason')), h('dd', {}, c.status_reason)] : null,
          h('dt', {}, tr('Kamera terdekat', 'Nearest cameras')), h('dd', { id: 'linked-cameras' }, c.cameras.length
            ? c.cameras.map(l => `${l.camera} (${Math.round(l.distance_m)} m)`).join(', ') : tr('tidak ada kamera dalam jangkauan', 'no camera in range'))),
        h('h3', {}, tr('Konfirmasi kamera', 'Camera confirmation')),
        c.corroborations.length ? h('ul', { id: 'corroborations' }, c.corroborations.map(ev => h('li', {},
          (ev.type === 'signal_fault' ? tr('Gangguan lampu lalu lintas: ', 'Traffic light fault: ') + fault(ev.detail?.split(':')[0])
            + ', ' + approach(ev.subject) : tr('Peringatan macet di zona ', 'Congestion alert in zone ') + ev.subject + ': ' + ev.detail)
          + tr(' — kamera ', ' — camera ') + ev.camera + ', ' + time(ev.occurred_at),
          ev.has_snapshot ? h('div', { class: 'photos', 'data-snapshot': ev.event_id }) : null)))
          : h('p', { class: 'hint' }, tr('Belum ada kejadian kamera yang mengonfirmasi pengaduan ini.', 'No camera event confirms this complaint yet.')),
        c.has_photo ? [h('h3', {}, tr('Foto pelapor', 'Reporter\'s photo')), photo] : null,
        actions(c));
      if (c.has_photo) image(photo, '/api/complaints/' + c.id + '/photo', tr('Foto dari pelapor', 'Photo from the reporter'));
      for (const ev of c.corroborations.filter(x => x.has_snapshot)) {
        image(detail.querySelector(`[data-snapshot="${CSS.escape(ev.event_id)}"]`),
          '/api/camera-alerts/' + encodeURIComponent(ev.event_id) + '/snapshot', tr('Gambar kamera ', 'Camera image ') + ev.camera);
      }
    } catch (e) {
      message(status, 'error', e.message);
    }
  }

  async function image(target, path, alt) {
    try {
      const url = await blobUrl(path);
      urls.push(url);
      target.append(h('img', { src: url, alt }));
    } catch (e) {
      target.append(h('p', { class: 'msg error' }, e.message));
    }
  }

  function actions(c) {
    const opd = h('input', { id: 'opd', placeholder: tr('mis. Dishub Kota Jambi', 'e.g. Dishub Kota Jambi'), value: 'Dishub Kota Jambi', size: 24 });
    const reason = h('input', { id: 'reject-reason', placeholder: tr('alasan penolakan', 'reason for rejecting'), size: 30 });
    const box = h('div', { class: 'actions', id: 'complaint-actions' });
    const act = (label, body, done) => h('button', { type: 'button', onclick: async () => {
      try {
        await api('POST', `/api/complaints/${c.id}/status`, body());
        message(status, 'ok', done);
        await load();
        await show(c.id);
      } catch (e) { message(status, 'error', e.message); }
    } }, label);
    if (c.status === 'baru') box.append(h('label', {}, 'OPD ', opd),
      act(tr('Teruskan ke OPD', 'Forward to agency'), () => ({ status: 'diteruskan', opd: opd.value }),
        tr('Pengaduan diteruskan.', 'Complaint forwarded.')));
    if (c.status === 'diteruskan') box.append(act(tr('Sedang ditangani', 'In progress'), () => ({ status: 'ditangani' }),
      tr('Pengaduan ditangani.', 'Complaint in progress.')));
    if (c.status === 'ditangani') box.append(act(tr('Selesai', 'Done'), () => ({ status: 'selesai' }), tr('Pengaduan selesai.', 'Complaint done.')));
    if (['baru', 'diteruskan', 'ditangani'].includes(c.status)) box.append(reason,
      act(tr('Tolak', 'Reject'), () => ({ status: 'ditolak', reason: reason.value }), tr('Pengaduan ditolak.', 'Complaint rejected.')));
    return box.childElementCount ? box : null;
  }

  async function drawChart() {
    try {
      const series = await api('GET', '/api/complaints/daily');
      const uPlot = await loadUplot();
      const xs = series.days.map(d => Date.parse(d.day + 'T00:00:00+07:00') / 1000);
      const data = [xs, ...series.categories.map(c => series.days.map(d => d.counts[c]))];
      replace(chart);
      new uPlot({
        width: Math.max(480, Math.min(main.clientWidth - 20, 1100)), height: 260,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Asia/Jakarta'),
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(3, max + 1)] } },
        series: [{ label: tr('Tanggal', 'Date') }, ...series.categories.map((c, i) => ({
          label: complaintCategory(c), stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true } }))],
        // whole complaints only: no 0.5 ticks
        axes: [{}, { label: tr('Pengaduan', 'Complaints'), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
      }, data, chart);
      chart.dataset.days = String(series.days.length);
      const url = await blobUrl(`/api/complaints/daily.csv?from=${series.from}&to=${series.to}`);
      urls.push(url);
      csv.href = url;
      csv.download = `pengaduan-per-hari-${series.from}-${series.to}.csv`;
      csv.dataset.ready = 'true';
    } catch (e) {
      replace(chart, h('p', { class: 'msg error' }, tr('Grafik tidak dapat ditampilkan: ', 'The chart cannot be shown: ') + e.message));
    }
  }

  load();
  drawChart();
  if (arg && /^\d+$/.test(arg)) show(Number(arg));
  return () => urls.forEach(u => URL.revokeObjectURL(u));
}

function coords(l) {
  return l && l.lat != null ? `${l.lat.toFixed(5)}, ${l.lon.toFixed(5)}` : '';
}
