// Camera geometry editor. The camera's latest frame is drawn in a <canvas>; the operator draws zones and lanes
// (polygons), counting lines and stop lines (two points and a direction of travel) and signal lamp boxes (two
// corners) on it. "Simpan" sends the whole document to PUT /console-api/cameras/<id>/config, which stores it as
// a NEW version and puts it in force; the server's field errors are listed next to the form. Older versions
// stay stored and can be put back in force (rollback) from the version list, which names who saved each one and
// when (WIB) and shows what changed between two versions (GET .../config/diff). Every point already drawn (zone and
// lane corners, line ends, calibration points) can be dragged. The calibration tool takes four or more clicked
// image points with their measured ground positions in metres and asks the server how well they fit one ground
// plane (POST .../calibration/check, core's Homography) before anything is saved.

import { api, blobUrl, session, ApiError } from './api.js';
import { h, replace, message } from './dom.js';
import { t, wib, fieldErrorText, lang } from './i18n.js';
import { movement, signalSource } from './words.js';

const DIRECTIONS = ['up', 'down', 'left', 'right'];
const TOOLS = ['zone', 'lane', 'line', 'stop', 'lamp', 'calib'];
const MOVEMENTS = ['straight', 'left', 'right', 'u_turn'];
const COLOURS = { zone: '#1e88e5', lane: '#43a047', line: '#fdd835', stop: '#e53935', red: '#ff1744', amber: '#ffab00',
  green: '#00e676', calib: '#e040fb' };
/** How close (frame pixels) a press must be to a point to drag it rather than draw a new one. */
const GRAB_PX = 10;

export function renderEditor(main, cameraId) {
  const canEdit = ['operator', 'admin'].includes(session.role());
  const cameraPath = '/console-api/cameras/' + encodeURIComponent(cameraId);
  const base = cameraPath + '/config';
  let draft = null;          // the document being edited (without version)
  let shown = null;          // the version it started from
  let image = null;          // the snapshot as an Image
  let points = [];           // clicks of the shape being drawn
  let errors = [];           // field errors from the last save
  let fit = null;            // the last calibration check's answer
  let press = null;          // a pointer press: {at, grabbed (a point array of the draft), moved}

  const canvas = h('canvas', { id: 'editor-canvas', width: 640, height: 480 });
  const ctx = canvas.getContext('2d');
  const status = h('p', { class: 'msg', id: 'editor-status', role: 'status' });
  const errorList = h('ul', { class: 'errors', id: 'editor-errors' });
  const elements = h('div', { id: 'editor-elements' });
  const versions = h('div', { id: 'editor-versions' });
  const calibration = h('div', { id: 'editor-calibration' });
  const calibStatus = h('p', { class: 'msg', id: 'calib-status', role: 'status' });
  const rectWidth = h('input', { id: 'rect-width', type: 'number', step: '0.01', min: '0' });
  const rectLength = h('input', { id: 'rect-length', type: 'number', step: '0.01', min: '0' });
  const decimal = x => x.toLocaleString(lang() === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const diffFrom = h('select', { id: 'diff-from' });
  const diffTo = h('select', { id: 'diff-to' });
  const diffOut = h('div', { id: 'editor-diff' });
  const json = h('textarea', { id: 'editor-json', rows: 14, spellcheck: 'false' });

  const tool = h('select', { id: 'tool' }, TOOLS.map(id => h('option', { value: id }, t('ed.tool.' + id))));
  const elementId = h('input', { id: 'element-id', placeholder: t('ed.idPlaceholder'), size: 16 });
  const direction = h('select', { id: 'direction' }, DIRECTIONS.map(d => h('option', { value: d }, t('ed.dir.' + d))));
  const approach = h('input', { id: 'approach', placeholder: t('ed.approachPlaceholder'), size: 10 });
  const lamp = h('select', { id: 'lamp' }, ['red', 'amber', 'green'].map(c => h('option', { value: c }, t('ed.lamp.' + c))));
  const hint = h('p', { class: 'hint', id: 'tool-hint' });
  const finish = h('button', { type: 'button', id: 'finish-shape' }, t('ed.finish'));
  const undo = h('button', { type: 'button', id: 'undo-point' }, t('ed.undo'));
  const save = h('button', { type: 'button', id: 'save-config', class: 'primary' }, t('ed.save'));

  const toolbar = canEdit ? h('fieldset', { class: 'toolbar' },
    h('legend', {}, t('ed.draw')),
    h('label', {}, t('ed.tool'), tool),
    h('label', { class: 'for-zone for-lane for-line' }, t('ed.id'), elementId),
    h('label', { class: 'for-line for-stop' }, t('ed.direction'), direction),
    h('label', { class: 'for-stop for-lamp for-zone for-lane' }, t('ed.approach'), approach),
    h('span', { class: 'for-lane', id: 'lane-movements' }, t('ed.lane.movements'),
      MOVEMENTS.map(m => h('label', {}, h('input', { type: 'checkbox', value: m, 'data-movement': m, checked: m === 'straight' }),
        ' ', movement(m)))),
    h('label', { class: 'for-lamp' }, t('ed.lamp'), lamp),
    finish, undo, hint) : h('p', { class: 'hint' }, t('ed.readOnly'));

  replace(main,
    h('h1', {}, t('ed.title'), h('code', {}, cameraId)),
    h('div', { class: 'editor' },
      h('div', { class: 'canvas-col' }, toolbar, status, h('div', { class: 'canvas-wrap' }, canvas),
        h('section', { class: 'calibration' }, h('h2', {}, t('ed.calib')), calibration,
          h('button', { type: 'button', id: 'check-calibration', onclick: checkCalibration }, t('ed.calib.check')), calibStatus)),
      h('aside', {},
        canEdit ? save : null,
        h('h2', {}, t('ed.errors')), errorList,
        h('h2', {}, t('ed.elements')), elements,
        h('h2', {}, t('ed.versions')), versions,
        h('h3', {}, t('ed.diff')),
        h('p', {}, t('ed.diff.from'), diffFrom, t('ed.diff.to'), diffTo, ' ',
          h('button', { type: 'button', id: 'diff-run', onclick: () => showDiff() }, t('ed.diff.run'))),
        diffOut,
        h('details', {}, h('summary', {}, t('ed.json')), json,
          canEdit ? h('button', { type: 'button', id: 'apply-json', onclick: applyJson }, t('ed.applyJson')) : null))));

  tool.addEventListener('change', () => { points = []; updateHint(); draw(); });
  finish.addEventListener('click', finishPolygon);
  undo.addEventListener('click', () => { points.pop(); draw(); });
  save.addEventListener('click', saveDraft);
  if (canEdit) {
    // one gesture for both: a press on an existing point drags it, a press elsewhere (without moving) draws
    canvas.addEventListener('pointerdown', onPointerDown);
    canvas.addEventListener('pointermove', onPointerMove);
    canvas.addEventListener('pointerup', onPointerUp);
  }
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
      fit = null;
      message(status, 'info', shown ? t('ed.loaded', { version: shown }) : t('ed.empty'));
      await loadImage();
      refresh();
      loadVersions();
    } catch (e) {
      message(status, 'error', t('ed.loadFailed', { detail: e.message }));
    }
  }

  async function loadImage() {
    try {
      const url = await blobUrl(cameraPath + '/snapshot.jpg');
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
      const items = v.items || v.versions.map(n => ({ version: n, current: n === v.current }));
      replace(versions, h('ul', { class: 'versions' }, items.slice().reverse().map(i => h('li', { 'data-version': i.version },
        h('strong', {}, `v${i.version}`), i.current ? h('strong', {}, t('ed.current')) : null,
        h('span', { class: 'who' }, ' — ', i.author ?? t('ed.unknownAuthor'), ', ', wib(i.saved_at)), ' ',
        h('button', { type: 'button', class: 'small', 'data-view': i.version, onclick: () => load(i.version) }, t('ed.view')),
        canEdit && !i.current ? h('button', { type: 'button', class: 'small', 'data-activate': i.version,
          onclick: () => activate(i.version) }, t('ed.activate')) : null))));
      // compare: by default the version before the one in force with it
      const numbers = items.map(i => i.version);
      const options = () => numbers.map(n => h('option', { value: n }, 'v' + n));
      replace(diffFrom, options());
      replace(diffTo, options());
      const to = v.current ?? numbers[numbers.length - 1];
      diffTo.value = to;
      diffFrom.value = numbers.filter(n => n < to).pop() ?? numbers[0];
    } catch (e) {
      replace(versions, h('p', { class: 'msg error' }, e.message));
    }
  }

  async function showDiff() {
    const from = diffFrom.value;
    const to = diffTo.value;
    try {
      const d = await api('GET', `${base}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      const value = x => x === null || x === undefined ? t('ed.diff.absent') : JSON.stringify(x);
      replace(diffOut,
        h('p', { class: 'msg info' }, d.changes.length ? t('ed.diff.summary', { count: d.changes.length, from: d.from, to: d.to })
          : t('ed.diff.same')),
        d.changes.length ? h('table', { class: 'diff' },
          h('thead', {}, h('tr', {}, h('th', {}, t('ed.diff.path')), h('th', {}, t('ed.diff.old')), h('th', {}, t('ed.diff.new')))),
          h('tbody', {}, d.changes.map(c => h('tr', { 'data-path': c.path },
            h('td', {}, h('code', {}, c.path)), h('td', { class: 'old' }, value(c.old)), h('td', { class: 'new' }, value(c.new)))))) : null);
    } catch (e) {
      replace(diffOut, h('p', { class: 'msg error' }, e.message));
    }
  }

  async function activate(n) {
    try {
      await api('POST', base + '/versions/' + n + '/activate');
      message(status, 'ok', t('ed.activated', { version: n }));
      load();
    } catch (e) {
      message(status, 'error', t('ed.activateFailed', { version: n, detail: e.message }));
    }
  }

  async function saveDraft() {
    message(status, 'info', t('ed.saving'));
    try {
      const stored = await api('PUT', base, draft);
      errors = [];
      shown = stored.version;
      draft = strip(stored);
      message(status, 'ok', t('ed.saved', { version: stored.version }));
      refresh();
      loadVersions();
    } catch (e) {
      errors = e.errors || [];
      message(status, 'error', e.status === 400 ? t('ed.notSaved400') : t('ed.notSaved', { detail: e.message }));
      refresh();
    }
  }

  function applyJson() {
    try {
      draft = strip(JSON.parse(json.value));
      message(status, 'info', t('ed.jsonApplied'));
      refresh();
    } catch (e) {
      message(status, 'error', t('ed.jsonInvalid', { detail: e.message }));
    }
  }

  /** Where a pointer event is, in frame pixels (the canvas is shown scaled). */
  function framePoint(ev) {
    const r = canvas.getBoundingClientRect();
    return [Math.round((ev.clientX - r.left) * canvas.width / r.width), Math.round((ev.clientY - r.top) * canvas.height / r.height)];
  }

  /** Every point of the draft that can be dragged: the [x, y] arrays themselves, moved in place. */
  function handles() {
    const out = [];
    draft.zones.forEach(z => out.push(...(z.polygon || [])));
    draft.lanes.forEach(l => out.push(...(l.polygon || [])));
    draft.counting_lines.forEach(l => out.push(l.a, l.b));
    draft.approaches.forEach(a => { if (a.stop_line) out.push(a.stop_line.a, a.stop_line.b); });
    (draft.calibration?.points || []).forEach(p => out.push(p.image));
    return out.filter(p => Array.isArray(p) && p.length === 2);
  }

  function onPointerDown(ev) {
    const at = framePoint(ev);
    const grab = GRAB_PX * canvas.width / canvas.getBoundingClientRect().width;
    let grabbed = null;
    let best = grab;
    for (const p of handles()) {
      const d = Math.hypot(p[0] - at[0], p[1] - at[1]);
      if (d < best) { best = d; grabbed = p; }   // the first of points on the same spot (a zone before its lane)
    }
    press = { at, grabbed, moved: false };
    if (grabbed) canvas.setPointerCapture(ev.pointerId);
  }

  function onPointerMove(ev) {
    if (!press?.grabbed) return;
    const at = framePoint(ev);
    press.grabbed[0] = Math.max(0, Math.min(canvas.width, at[0]));
    press.grabbed[1] = Math.max(0, Math.min(canvas.height, at[1]));
    press.moved = true;
    draw();
  }

  function onPointerUp(ev) {
    const p = press;
    press = null;
    if (!p) return;
    if (p.grabbed && p.moved) {
      fit = null;
      message(status, 'info', t('ed.moved', { x: p.grabbed[0], y: p.grabbed[1] }));
      refresh();
      return;
    }
    addPoint(framePoint(ev));
  }

  function addPoint(p) {
    const kind = tool.value;
    if (kind === 'calib') {
      draft.calibration = { points: [...(draft.calibration?.points || []), { image: p, ground_m: [0, 0] }] };
      fit = null;
      const n = draft.calibration.points.length;
      message(status, 'info', t('ed.calib.added', { n }));
      refresh();
      calibration.querySelector(`[data-ground-x="${n - 1}"]`)?.focus();
      return;
    }
    points.push(p);
    if ((kind === 'line' || kind === 'stop' || kind === 'lamp') && points.length === 2) {
      addTwoPointElement(kind, points[0], points[1]);
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
    const kind = tool.value;
    if (kind !== 'zone' && kind !== 'lane') { message(status, 'error', t('ed.pickPolygon')); return; }
    if (points.length < 3) { message(status, 'error', t('ed.polygonTooSmall')); return; }
    if (kind === 'zone') {
      const z = { id: requiredId('zona_', draft.zones), polygon: points };
      if (approach.value.trim()) z.approach = approach.value.trim();
      draft.zones = [...draft.zones.filter(e => e.id !== z.id), z];
    } else {
      const chosen = [...toolbar.querySelectorAll('[data-movement]:checked')].map(c => c.value);
      const l = { id: requiredId('lajur_', draft.lanes), polygon: points, movements: chosen.length ? chosen : ['straight'] };
      draft.lanes = [...draft.lanes.filter(e => e.id !== l.id), l];
      // a lane named with its approach is one the approach's stop line and signal govern
      const apId = approach.value.trim();
      if (apId) {
        let ap = draft.approaches.find(x => x.id === apId);
        if (!ap) { ap = { id: apId, lanes: [], exempt_movements: [] }; draft.approaches = [...draft.approaches, ap]; }
        if (!(ap.lanes || []).includes(l.id)) ap.lanes = [...(ap.lanes || []), l.id];
      }
    }
    points = [];
    elementId.value = '';
    message(status, 'info', t('ed.polygonAdded'));
    refresh();
  }

  function addTwoPointElement(kind, a, b) {
    if (kind === 'line') {
      const l = { id: requiredId('garis_', draft.counting_lines), a, b, in_direction: direction.value };
      draft.counting_lines = [...draft.counting_lines.filter(e => e.id !== l.id), l];
    } else {
      const id = approach.value.trim() || (draft.approaches[0]?.id ?? 'pendekat_1');
      let ap = draft.approaches.find(x => x.id === id);
      if (!ap) { ap = { id, lanes: [], exempt_movements: [] }; draft.approaches = [...draft.approaches, ap]; }
      if (kind === 'stop') {
        ap.stop_line = { a, b };
        ap.entry_direction = direction.value;
      } else {
        const box = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
        ap.signal = { source: 'vision', lamps: { ...(ap.signal?.lamps || {}), [lamp.value]: box } };
      }
    }
    elementId.value = '';
    message(status, 'info', t('ed.added'));
    refresh();
  }

  function remove(kind, id) {
    draft[kind] = draft[kind].filter(e => e.id !== id);
    refresh();
  }

  /** The calibration points as a table: the clicked image point, the measured ground position, the fitted error. */
  function drawCalibration() {
    const pts = draft.calibration?.points || [];
    const number = (i, axis) => {
      const input = h('input', { type: 'number', step: '0.01', size: 6, value: pts[i].ground_m?.[axis] ?? 0,
        [axis ? 'data-ground-y' : 'data-ground-x']: i, disabled: !canEdit });
      input.addEventListener('change', () => {
        const v = parseFloat(input.value);
        if (!Number.isFinite(v)) return;
        pts[i].ground_m = [...(pts[i].ground_m || [0, 0])];
        pts[i].ground_m[axis] = v;
        fit = null;
        json.value = JSON.stringify(draft, null, 2);
        updateDistances();
      });
      return input;
    };
    replace(calibration, h('table', { class: 'calibration-points' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, t('ed.calib.image')), h('th', {}, t('ed.calib.x')),
        h('th', {}, t('ed.calib.y')), h('th', {}, t('ed.calib.distance')), h('th', {}, t('ed.calib.error')), h('th', {}))),
      h('tbody', {}, pts.map((p, i) => {
        const e = fit?.points?.[i]?.error_m;
        const bad = fit && (e === null || e > fit.limit_m);
        return h('tr', { 'data-calib': i, class: bad ? 'bad' : null },
          h('td', {}, String(i + 1)), h('td', {}, `(${p.image?.[0]}, ${p.image?.[1]})`), h('td', {}, number(i, 0)),
          h('td', {}, number(i, 1)), h('td', { class: 'calib-distance' }),
          h('td', { class: 'calib-error' }, fit ? (e === null ? '∞' : decimal(e)) : '—'),
          h('td', {}, canEdit ? h('button', { type: 'button', class: 'small', onclick: () => {
            draft.calibration.points = pts.filter((_, j) => j !== i);
            fit = null;
            refresh();
          } }, t('ed.delete')) : null));
      }))),
      canEdit ? h('p', { class: 'rect' }, t('ed.calib.rect'), ' ', t('ed.calib.width'), rectWidth, ' ', t('ed.calib.length'), rectLength,
        ' ', h('button', { type: 'button', id: 'rect-fill', onclick: fillRectangle }, t('ed.calib.rectFill'))) : null);
    updateDistances();
  }

  /** Each point's ground distance from the one before, to compare with what was measured on the road. */
  function updateDistances() {
    const pts = draft.calibration?.points || [];
    calibration.querySelectorAll('tr[data-calib]').forEach((row, i) => {
      const a = pts[i - 1]?.ground_m;
      const b = pts[i]?.ground_m;
      row.querySelector('.calib-distance').textContent = a && b ? decimal(Math.hypot(b[0] - a[0], b[1] - a[1])) : '—';
    });
  }

  /**
   * Four points clicked round a measured rectangle on the road (a lane's width and a marking's length, in click
   * order): their ground positions follow from the two distances.
   */
  function fillRectangle() {
    const pts = draft.calibration?.points || [];
    const w = parseFloat(rectWidth.value);
    const l = parseFloat(rectLength.value);
    if (pts.length < 4 || !(w > 0) || !(l > 0)) { message(calibStatus, 'error', t('ed.calib.rectNeeds')); return; }
    [[0, 0], [w, 0], [w, l], [0, l]].forEach((g, i) => { pts[i].ground_m = g; });
    fit = null;
    message(calibStatus, 'info', t('ed.calib.rectDone', { width: w, length: l }));
    refresh();
  }

  async function checkCalibration() {
    try {
      fit = await api('POST', cameraPath + '/calibration/check', { points: draft.calibration?.points || [] });
      message(calibStatus, fit.ok ? 'ok' : 'error', t(fit.ok ? 'ed.calib.ok' : 'ed.calib.bad',
        { max: fit.max_error_m ?? '∞', rms: fit.rms_m ?? '∞', limit: fit.limit_m }));
    } catch (e) {
      fit = null;
      const detail = e.errors?.length ? e.errors.map(fieldErrorText).join('; ') : e.message;
      message(calibStatus, 'error', t('ed.calib.refused', { detail }));
    }
    drawCalibration();
    draw();
  }

  function refresh() {
    json.value = JSON.stringify(draft, null, 2);
    replace(errorList, errors.length ? errors.map(e => h('li', { 'data-field': e.field, title: e.message },
      h('code', {}, e.field), ' — ', fieldErrorText(e)))
      : [h('li', { class: 'none' }, t('ed.none'))]);
    const group = (kind, describe) => h('div', {},
      h('h3', {}, t('ed.group.' + kind) + ' (' + draft[kind].length + ')'),
      h('ul', {}, draft[kind].map((e, i) => h('li', { class: hasError(kind, i) ? 'bad' : null },
        h('code', {}, e.id ?? '?'), ' ', describe(e),
        fieldErrors(kind, i),
        canEdit ? h('button', { type: 'button', class: 'small', onclick: () => remove(kind, e.id) }, t('ed.delete')) : null))));
    replace(elements,
      group('zones', z => t('ed.points', { count: z.polygon.length }) + (z.approach ? t('ed.withApproach', { approach: z.approach }) : '')),
      group('counting_lines', l => t('ed.in', { direction: DIRECTIONS.includes(l.in_direction) ? t('ed.dir.' + l.in_direction) : l.in_direction })),
      group('lanes', l => t('ed.movements', { count: l.polygon.length, movements: (l.movements || []).map(movement).join(', ') })),
      group('approaches', a => (a.stop_line ? t('ed.stopLine') : t('ed.noStopLine'))
        + (a.signal ? t('ed.signal', { source: signalSource(a.signal.source) }) : '')));
    drawCalibration();
    draw();
  }

  function hasError(kind, i) {
    return errors.some(e => e.field.startsWith(`${kind}[${i}]`));
  }

  function fieldErrors(kind, i) {
    const mine = errors.filter(e => e.field.startsWith(`${kind}[${i}]`));
    return mine.length ? h('div', { class: 'field-error' }, mine.map(e => e.field + ': ' + fieldErrorText(e)).join('; ')) : null;
  }

  function updateHint() {
    const kind = tool.value;
    hint.textContent = t('ed.hint.' + kind);
    for (const el of toolbar.querySelectorAll('[class*="for-"]')) el.hidden = !el.classList.contains('for-' + kind);
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
      if (a.stop_line?.a && a.stop_line?.b) segment(a.stop_line.a, a.stop_line.b, COLOURS.stop, t('ed.stopLine') + ' ' + a.id, a.entry_direction);
      for (const [c, box] of Object.entries(a.signal?.lamps || {})) {
        if (!box) continue;
        ctx.strokeStyle = COLOURS[c];
        ctx.strokeRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
      }
    });
    (draft.calibration?.points || []).forEach((p, i) => {
      if (!p.image) return;
      const e = fit?.points?.[i]?.error_m;
      const bad = fit && (e === null || e > fit.limit_m);
      ctx.strokeStyle = bad ? '#ff1744' : COLOURS.calib;
      ctx.beginPath();
      ctx.arc(p.image[0], p.image[1], 6, 0, 2 * Math.PI);
      ctx.stroke();
      tag(String(i + 1), [p.image[0] + 6, p.image[1] - 4], bad ? '#ff1744' : COLOURS.calib);
    });
    // the draggable points, small squares so the operator sees what can be moved
    if (canEdit) {
      ctx.fillStyle = '#ffffffc0';
      for (const p of handles()) ctx.fillRect(p[0] - 3, p[1] - 3, 6, 6);
    }
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
