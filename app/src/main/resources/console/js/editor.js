// Camera geometry editor. The camera's latest frame is drawn in a <canvas>; the operator draws zones and lanes
// (polygons), counting lines and stop lines (two points and a direction of travel) and signal lamp boxes (two
// corners) on it. "Simpan" sends the whole document to PUT /console-api/cameras/<id>/config, which stores it as
// a NEW version and puts it in force; the server's field errors are listed next to the form. Older versions
// stay stored and can be put back in force (rollback) from the version list.

import { api, blobUrl, session, ApiError } from './api.js';
import { h, replace, message } from './dom.js';

const DIRECTIONS = ['up', 'down', 'left', 'right'];
const DIRECTION_LABEL = { up: 'atas ↑', down: 'bawah ↓', left: 'kiri ←', right: 'kanan →' };
const TOOLS = [
  { id: 'zone', label: 'Zona kemacetan (poligon)' },
  { id: 'lane', label: 'Lajur (poligon)' },
  { id: 'line', label: 'Garis hitung' },
  { id: 'stop', label: 'Garis henti' },
  { id: 'lamp', label: 'Kotak lampu sinyal' },
];
const COLOURS = { zone: '#1e88e5', lane: '#43a047', line: '#fdd835', stop: '#e53935', red: '#ff1744', amber: '#ffab00', green: '#00e676' };

export function renderEditor(main, cameraId) {
  const canEdit = ['operator', 'admin'].includes(session.role());
  const base = '/console-api/cameras/' + encodeURIComponent(cameraId) + '/config';
  let draft = null;          // the document being edited (without version)
  let shown = null;          // the version it started from
  let image = null;          // the snapshot as an Image
  let points = [];           // clicks of the shape being drawn
  let errors = [];           // field errors from the last save

  const canvas = h('canvas', { id: 'editor-canvas', width: 640, height: 480 });
  const ctx = canvas.getContext('2d');
  const status = h('p', { class: 'msg', id: 'editor-status', role: 'status' });
  const errorList = h('ul', { class: 'errors', id: 'editor-errors' });
  const elements = h('div', { id: 'editor-elements' });
  const versions = h('div', { id: 'editor-versions' });
  const json = h('textarea', { id: 'editor-json', rows: 14, spellcheck: 'false' });

  const tool = h('select', { id: 'tool' }, TOOLS.map(t => h('option', { value: t.id }, t.label)));
  const elementId = h('input', { id: 'element-id', placeholder: 'mis. antrian_utara', size: 16 });
  const direction = h('select', { id: 'direction' }, DIRECTIONS.map(d => h('option', { value: d }, DIRECTION_LABEL[d])));
  const approach = h('input', { id: 'approach', placeholder: 'mis. utara', size: 10 });
  const lamp = h('select', { id: 'lamp' }, ['red', 'amber', 'green'].map(c => h('option', { value: c },
    { red: 'merah', amber: 'kuning', green: 'hijau' }[c])));
  const hint = h('p', { class: 'hint', id: 'tool-hint' });
  const finish = h('button', { type: 'button', id: 'finish-shape' }, 'Selesai poligon');
  const undo = h('button', { type: 'button', id: 'undo-point' }, 'Batal titik');
  const save = h('button', { type: 'button', id: 'save-config', class: 'primary' }, 'Simpan sebagai versi baru');

  const toolbar = canEdit ? h('fieldset', { class: 'toolbar' },
    h('legend', {}, 'Gambar'),
    h('label', {}, 'Alat ', tool),
    h('label', {}, 'ID ', elementId),
    h('label', { class: 'for-line for-stop' }, 'Arah "masuk" ', direction),
    h('label', { class: 'for-stop for-lamp for-zone' }, 'Pendekat (approach) ', approach),
    h('label', { class: 'for-lamp' }, 'Lampu ', lamp),
    finish, undo, hint) : h('p', { class: 'hint' }, 'Hanya operator dan admin yang dapat mengubah geometri; Anda melihat saja.');

  replace(main,
    h('h1', {}, 'Geometri kamera ', h('code', {}, cameraId)),
    h('div', { class: 'editor' },
      h('div', { class: 'canvas-col' }, toolbar, status, h('div', { class: 'canvas-wrap' }, canvas)),
      h('aside', {},
        canEdit ? save : null,
        h('h2', {}, 'Kesalahan'), errorList,
        h('h2', {}, 'Elemen'), elements,
        h('h2', {}, 'Versi'), versions,
        h('details', {}, h('summary', {}, 'JSON lengkap (kalibrasi, ambang batas)'), json,
          canEdit ? h('button', { type: 'button', id: 'apply-json' , onclick: applyJson }, 'Terapkan JSON') : null))));

  tool.addEventListener('change', () => { points = []; updateHint(); draw(); });
  finish.addEventListener('click', finishPolygon);
  undo.addEventListener('click', () => { points.pop(); draw(); });
  save.addEventListener('click', saveDraft);
  if (canEdit) canvas.addEventListener('click', onCanvasClick);
  updateHint();
  load();

  async function load(version) {
    try {
      try {
        const doc = await api('GET', version ? base + '/versions/' + version : base);
        shown = doc.version;
        draft = strip(doc);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404) || version) throw e;
        shown = null;
        draft = { camera: cameraId, zones: [], counting_lines: [], lanes: [], approaches: [] };
      }
      message(status, 'info', shown ? `Versi ${shown} dimuat.` : 'Belum ada geometri: gambar dan simpan versi pertama.');
      await loadImage();
      refresh();
      loadVersions();
    } catch (e) {
      message(status, 'error', 'Geometri tidak dapat dimuat: ' + e.message);
    }
  }

  async function loadImage() {
    try {
      const url = await blobUrl('/console-api/cameras/' + encodeURIComponent(cameraId) + '/snapshot.jpg');
      image = await new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = reject;
        img.src = url;
      });
    } catch {
      image = null;   // no frame yet: draw on a blank canvas of the configured size
    }
    canvas.width = draft.frame?.width || image?.naturalWidth || 640;
    canvas.height = draft.frame?.height || image?.naturalHeight || 480;
    if (!draft.frame) draft.frame = { width: canvas.width, height: canvas.height };
  }

  async function loadVersions() {
    try {
      const v = await api('GET', base + '/versions');
      replace(versions, h('ul', { class: 'versions' }, v.versions.slice().reverse().map(n => h('li', {},
        `v${n}`, n === v.current ? h('strong', {}, ' (berlaku)') : null, ' ',
        h('button', { type: 'button', 'data-view': n, onclick: () => load(n) }, 'Lihat'),
        canEdit && n !== v.current ? h('button', { type: 'button', 'data-activate': n, onclick: () => activate(n) }, 'Berlakukan') : null))));
    } catch (e) {
      replace(versions, h('p', { class: 'msg error' }, e.message));
    }
  }

  async function activate(n) {
    try {
      await api('POST', base + '/versions/' + n + '/activate');
      message(status, 'ok', `Versi ${n} kini berlaku.`);
      load();
    } catch (e) {
      message(status, 'error', `Versi ${n} tidak dapat diberlakukan: ` + e.message);
    }
  }

  async function saveDraft() {
    message(status, 'info', 'Menyimpan…');
    try {
      const stored = await api('PUT', base, draft);
      errors = [];
      shown = stored.version;
      draft = strip(stored);
      message(status, 'ok', `Tersimpan sebagai versi ${stored.version} dan kini berlaku.`);
      refresh();
      loadVersions();
    } catch (e) {
      errors = e.errors || [];
      message(status, 'error', e.status === 400 ? 'Tidak disimpan: perbaiki kesalahan di samping. Versi yang berlaku tidak berubah.'
        : 'Tidak disimpan: ' + e.message);
      refresh();
    }
  }

  function applyJson() {
    try {
      draft = strip(JSON.parse(json.value));
      message(status, 'info', 'JSON diterapkan ke draf (belum disimpan).');
      refresh();
    } catch (e) {
      message(status, 'error', 'JSON tidak valid: ' + e.message);
    }
  }

  function onCanvasClick(ev) {
    const r = canvas.getBoundingClientRect();
    const p = [Math.round((ev.clientX - r.left) * canvas.width / r.width), Math.round((ev.clientY - r.top) * canvas.height / r.height)];
    points.push(p);
    const t = tool.value;
    if ((t === 'line' || t === 'stop' || t === 'lamp') && points.length === 2) {
      addTwoPointElement(t, points[0], points[1]);
      points = [];
    }
    draw();
  }

  function requiredId(fallbackPrefix, list) {
    const id = elementId.value.trim();
    if (id) return id;
    let n = list.length + 1;
    while (list.some(e => e.id === fallbackPrefix + n)) n++;
    return fallbackPrefix + n;
  }

  function finishPolygon() {
    const t = tool.value;
    if (t !== 'zone' && t !== 'lane') { message(status, 'error', 'Pilih alat poligon (zona atau lajur).'); return; }
    if (points.length < 3) { message(status, 'error', 'Poligon butuh sedikitnya 3 titik.'); return; }
    if (t === 'zone') {
      const z = { id: requiredId('zona_', draft.zones), polygon: points };
      if (approach.value.trim()) z.approach = approach.value.trim();
      draft.zones = [...draft.zones.filter(e => e.id !== z.id), z];
    } else {
      const l = { id: requiredId('lajur_', draft.lanes), polygon: points, movements: ['straight'] };
      draft.lanes = [...draft.lanes.filter(e => e.id !== l.id), l];
    }
    points = [];
    elementId.value = '';
    message(status, 'info', 'Poligon ditambahkan ke draf (belum disimpan).');
    refresh();
  }

  function addTwoPointElement(t, a, b) {
    if (t === 'line') {
      const l = { id: requiredId('garis_', draft.counting_lines), a, b, in_direction: direction.value };
      draft.counting_lines = [...draft.counting_lines.filter(e => e.id !== l.id), l];
    } else {
      const id = approach.value.trim() || (draft.approaches[0]?.id ?? 'pendekat_1');
      let ap = draft.approaches.find(x => x.id === id);
      if (!ap) { ap = { id, lanes: [], exempt_movements: [] }; draft.approaches = [...draft.approaches, ap]; }
      if (t === 'stop') {
        ap.stop_line = { a, b };
        ap.entry_direction = direction.value;
      } else {
        const box = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
        ap.signal = { source: 'vision', lamps: { ...(ap.signal?.lamps || {}), [lamp.value]: box } };
      }
    }
    elementId.value = '';
    message(status, 'info', 'Ditambahkan ke draf (belum disimpan).');
    refresh();
  }

  function remove(kind, id) {
    draft[kind] = draft[kind].filter(e => e.id !== id);
    refresh();
  }

  function refresh() {
    json.value = JSON.stringify(draft, null, 2);
    replace(errorList, errors.length ? errors.map(e => h('li', { 'data-field': e.field }, h('code', {}, e.field), ' — ', e.message))
      : [h('li', { class: 'none' }, 'Tidak ada')]);
    const group = (title, kind, describe) => h('div', {},
      h('h3', {}, title + ' (' + draft[kind].length + ')'),
      h('ul', {}, draft[kind].map((e, i) => h('li', { class: hasError(kind, i) ? 'bad' : null },
        h('code', {}, e.id ?? '?'), ' ', describe(e),
        fieldErrors(kind, i),
        canEdit ? h('button', { type: 'button', class: 'small', onclick: () => remove(kind, e.id) }, 'Hapus') : null))));
    replace(elements,
      group('Zona', 'zones', z => `${z.polygon.length} titik` + (z.approach ? `, pendekat ${z.approach}` : '')),
      group('Garis hitung', 'counting_lines', l => `masuk = ${DIRECTION_LABEL[l.in_direction] ?? l.in_direction}`),
      group('Lajur', 'lanes', l => `${l.polygon.length} titik, gerakan ${(l.movements || []).join(', ')}`),
      group('Pendekat', 'approaches', a => (a.stop_line ? 'garis henti' : 'tanpa garis henti')
        + (a.signal ? ', sinyal ' + a.signal.source : '')));
    draw();
  }

  function hasError(kind, i) {
    return errors.some(e => e.field.startsWith(`${kind}[${i}]`));
  }

  function fieldErrors(kind, i) {
    const mine = errors.filter(e => e.field.startsWith(`${kind}[${i}]`));
    return mine.length ? h('div', { class: 'field-error' }, mine.map(e => e.field + ': ' + e.message).join('; ')) : null;
  }

  function updateHint() {
    const t = tool.value;
    hint.textContent = {
      zone: 'Klik titik-titik sudut zona pada gambar, lalu "Selesai poligon".',
      lane: 'Klik titik-titik sudut lajur sebelum garis henti, lalu "Selesai poligon".',
      line: 'Klik dua ujung garis hitung; kendaraan yang melintas ke arah "masuk" dihitung masuk.',
      stop: 'Klik dua ujung garis henti; arah "masuk" = arah kendaraan melintasi garis ke persimpangan.',
      lamp: 'Klik dua sudut kotak lampu (kiri-atas, kanan-bawah) untuk warna yang dipilih.',
    }[t];
    for (const el of toolbar.querySelectorAll('[class*="for-"]')) el.hidden = !el.classList.contains('for-' + t);
  }

  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (image) ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    else { ctx.fillStyle = '#333'; ctx.fillRect(0, 0, canvas.width, canvas.height); }
    if (!draft) return;
    ctx.lineWidth = 2;
    ctx.font = '13px sans-serif';
    draft.zones.forEach(z => polygon(z.polygon, COLOURS.zone, z.id));
    draft.lanes.forEach(l => polygon(l.polygon, COLOURS.lane, l.id));
    draft.counting_lines.forEach(l => segment(l.a, l.b, COLOURS.line, l.id, l.in_direction));
    draft.approaches.forEach(a => {
      if (a.stop_line?.a && a.stop_line?.b) segment(a.stop_line.a, a.stop_line.b, COLOURS.stop, 'henti ' + a.id, a.entry_direction);
      for (const [c, box] of Object.entries(a.signal?.lamps || {})) {
        if (!box) continue;
        ctx.strokeStyle = COLOURS[c];
        ctx.strokeRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
      }
    });
    if (points.length) {
      ctx.strokeStyle = '#fff';
      ctx.fillStyle = '#fff';
      ctx.beginPath();
      points.forEach((p, i) => (i ? ctx.lineTo(p[0], p[1]) : ctx.moveTo(p[0], p[1])));
      ctx.stroke();
      points.forEach(p => ctx.fillRect(p[0] - 3, p[1] - 3, 6, 6));
    }
  }

  function polygon(pts, colour, label) {
    if (!pts?.length) return;
    ctx.beginPath();
    pts.forEach((p, i) => (i ? ctx.lineTo(p[0], p[1]) : ctx.moveTo(p[0], p[1])));
    ctx.closePath();
    ctx.fillStyle = colour + '40';
    ctx.fill();
    ctx.strokeStyle = colour;
    ctx.stroke();
    tag(label, pts[0], colour);
  }

  function segment(a, b, colour, label, dir) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.stroke();
    ctx.lineWidth = 2;
    const d = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] }[dir];
    if (d) {   // an arrow from the middle of the line in the direction of travel that counts as "in"
      const m = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const e = [m[0] + d[0] * 30, m[1] + d[1] * 30];
      ctx.beginPath();
      ctx.moveTo(m[0], m[1]);
      ctx.lineTo(e[0], e[1]);
      ctx.lineTo(e[0] - d[0] * 8 - d[1] * 6, e[1] - d[1] * 8 - d[0] * 6);
      ctx.moveTo(e[0], e[1]);
      ctx.lineTo(e[0] - d[0] * 8 + d[1] * 6, e[1] - d[1] * 8 + d[0] * 6);
      ctx.stroke();
    }
    tag(label, a, colour);
  }

  function tag(text, at, colour) {
    ctx.fillStyle = 'rgba(0,0,0,0.6)';
    const w = ctx.measureText(text).width + 6;
    ctx.fillRect(at[0], at[1] - 16, w, 16);
    ctx.fillStyle = colour;
    ctx.fillText(text, at[0] + 3, at[1] - 4);
  }
}

/** The editable document: the stored version number is the server's business. */
function strip(doc) {
  const copy = structuredClone(doc);
  delete copy.version;
  for (const k of ['zones', 'counting_lines', 'lanes', 'approaches']) copy[k] = copy[k] || [];
  return copy;
}
