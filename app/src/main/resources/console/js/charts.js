// Time charts for the board, drawn with uPlot. Times are seconds since the epoch and shown in WIB whatever the
// browser's own zone; the legend shows the latest point until the pointer moves over the chart.

import { uPlotLib } from './vendor.js';
import { tr } from './i18n.js';

export const COLORS = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#8d6e63', '#c62828', '#37474f',
  '#9e9d24', '#ad1457'];
const LEVELS = ['', 'A', 'B', 'C', 'D', 'E', 'F'];

function wibDate(uPlot) {
  return ts => uPlot.tzDate(new Date(ts * 1000), 'Asia/Jakarta');
}

const HOUR_MINUTE = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WITH_SECONDS = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short' });

/** Tick labels in WIB, 24-hour Indonesian style (13.45); the date under the first tick and at each new day. */
function wibTicks(u, splits, axisIdx, space, incr) {
  let lastDay = null;
  return splits.map(t => {
    const d = new Date(t * 1000);
    const clock = (incr < 60 ? WITH_SECONDS : HOUR_MINUTE).format(d);
    const day = DAY.format(d);
    const label = day !== lastDay ? clock + '\n' + day : clock;
    lastDay = day;
    return label;
  });
}

/**
 * Draws a chart into el (replacing what was there) and returns the uPlot instance.
 * kind: 'lines' (counts), 'bars' (violations per hour) or 'levels' (level of service A-F, stepped).
 */
export async function timeChart(el, { x, series, kind = 'lines', yLabel = '' }) {
  const uPlot = await uPlotLib();
  el.replaceChildren();
  const width = Math.max(320, Math.min(el.clientWidth || 900, 1200));
  const paths = kind === 'bars' ? uPlot.paths.bars({ size: [0.7, 60] })
    : kind === 'levels' ? uPlot.paths.stepped({ align: 1 }) : undefined;
  const opts = {
    width, height: 240,
    tzDate: wibDate(uPlot),
    scales: { x: { time: true }, y: kind === 'levels' ? { range: [0.5, 6.5] } : { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [
      { label: tr('Waktu (WIB)', 'Time (WIB)'), values: wibTicks, space: 60 },
      kind === 'levels'
        ? { label: yLabel, splits: () => [1, 2, 3, 4, 5, 6], values: (u, vals) => vals.map(v => LEVELS[v] || '') }
        : { label: yLabel },
    ],
    legend: { live: true },
    series: [
      { label: tr('Waktu', 'Time'), value: (u, v) => v == null ? '—' : new Date(v * 1000).toLocaleString(tr('id-ID', 'en-GB'),
        { timeZone: 'Asia/Jakarta', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }) + ' WIB' },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: s.color || COLORS[i % COLORS.length],
        fill: kind === 'bars' ? (s.color || COLORS[i % COLORS.length]) + '99' : undefined,
        width: 2,
        spanGaps: kind === 'levels',
        points: { show: kind !== 'bars' },
        paths,
        value: kind === 'levels' ? (u, v) => v == null ? '—' : LEVELS[v] : (u, v) => v == null ? '—' : String(v),
      })),
    ],
  };
  const data = [x, ...series.map(s => s.values)];
  const chart = new uPlot(opts, data, el);
  // show the latest period's figures in the legend
  const last = x.length - 1;
  if (last >= 0) chart.setCursor({ left: chart.valToPos(x[last], 'x'), top: 10 });
  return chart;
}

/** Every period start from `from` up to `to` (seconds), `step` seconds apart, aligned to the step. */
export function periods(from, to, step) {
  const out = [];
  for (let t = Math.floor(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}
