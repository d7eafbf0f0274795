// The words a person reads in the console: the pipeline's English identifiers in Indonesian, in one place. With
// the English switch (i18n.js) the same functions give English words.

import { lang } from './i18n.js';

const CLASS = { motorcycle: 'sepeda motor', car: 'mobil', bus: 'bus', truck: 'truk', bicycle: 'sepeda',
  person: 'pejalan kaki', other: 'lainnya' };
const ALERT_KIND = { congestion: 'Kemacetan', signal_fault: 'Gangguan sinyal' };
const DIRECTION = { in: 'masuk', out: 'keluar', forward: 'searah', backward: 'berlawanan' };
const SIGNAL = { red: 'merah', amber: 'kuning', yellow: 'kuning', green: 'hijau', dark: 'padam', unknown: 'tidak diketahui' };
const FAULT = { dark: 'lampu padam', stuck: 'lampu macet (tidak berganti)' };
const CAMERA_STATE = { STREAMING: 'MENGALIR', CONNECTING: 'MENYAMBUNG', STALLED: 'TERHENTI', DOWN: 'MATI',
  FINISHED: 'SELESAI', STOPPED: 'DIHENTIKAN' };
const COMPASS = { north: 'utara', south: 'selatan', east: 'timur', west: 'barat' };
const COMPLAINT_CATEGORY = { macet: 'Macet', lampu_lalu_lintas_mati: 'Lampu lalu lintas mati', jalan_rusak: 'Jalan rusak',
  lampu_jalan: 'Lampu jalan', lainnya: 'Lainnya' };
const COMPLAINT_STATUS = { baru: 'Baru', diteruskan: 'Diteruskan ke OPD', ditangani: 'Ditangani', selesai: 'Selesai',
  ditolak: 'Ditolak' };

const EN = {
  CLASS: { motorcycle: 'motorcycle', car: 'car', bus: 'bus', truck: 'truck', bicycle: 'bicycle', person: 'pedestrian', other: 'other' },
  ALERT_KIND: { congestion: 'Congestion', signal_fault: 'Signal fault' },
  DIRECTION: { in: 'in', out: 'out', forward: 'forward', backward: 'backward' },
  SIGNAL: { red: 'red', amber: 'amber', yellow: 'amber', green: 'green', dark: 'dark', unknown: 'unknown' },
  FAULT: { dark: 'lamp dark', stuck: 'lamp stuck (not changing)' },
  COMPASS: { north: 'north', south: 'south', east: 'east', west: 'west' },
  COMPLAINT_CATEGORY: { macet: 'Traffic jam', lampu_lalu_lintas_mati: 'Traffic light out', jalan_rusak: 'Damaged road',
    lampu_jalan: 'Street light', lainnya: 'Other' },
  COMPLAINT_STATUS: { baru: 'New', diteruskan: 'Forwarded to agency', ditangani: 'In progress', selesai: 'Done',
    ditolak: 'Rejected' },
  MOVEMENT: { straight: 'straight', left: 'left turn', right: 'right turn', u_turn: 'U-turn' },
  SIGNAL_SOURCE: { vision: 'camera', controller: 'controller' },
};
const MOVEMENT = { straight: 'lurus', left: 'belok kiri', right: 'belok kanan', u_turn: 'putar balik' };
const SIGNAL_SOURCE = { vision: 'kamera', controller: 'pengendali' };
const ID = { CLASS, ALERT_KIND, DIRECTION, SIGNAL, FAULT, COMPASS, COMPLAINT_CATEGORY, COMPLAINT_STATUS, MOVEMENT, SIGNAL_SOURCE };
const word = (table, k) => (lang() === 'en' ? EN : ID)[table][k];

export const vehicle = c => word('CLASS', c) ?? c ?? '—';
export const direction = d => word('DIRECTION', d) ?? d ?? '—';
export const signal = s => word('SIGNAL', s) ?? s ?? '—';
export const fault = k => word('FAULT', k) ?? k ?? '—';
export const alertKind = k => word('ALERT_KIND', k) ?? k ?? '—';
export const complaintCategory = c => word('COMPLAINT_CATEGORY', c) ?? c ?? '—';
export const complaintStatus = s => word('COMPLAINT_STATUS', s) ?? s ?? '—';
export const movement = m => word('MOVEMENT', m) ?? m ?? '—';
export const signalSource = s => word('SIGNAL_SOURCE', s) ?? s ?? '—';
export const approach = a => {
  if (a == null) return '—';
  const c = word('COMPASS', String(a).toLowerCase());
  return c ? (lang() === 'en' ? 'from the ' : 'dari ') + c : a;
};

/** A camera state line ("STREAMING 1280x720 @ 25.00 fps", "DOWN: refused (retry in 4 s)") with its word translated. */
export function cameraState(state) {
  if (!state) return '—';
  if (lang() === 'en') return state;   // the server's own words are English
  const word = state.match(/^[A-Z]+/)?.[0];
  return word && CAMERA_STATE[word] ? CAMERA_STATE[word] + state.slice(word.length)
    .replace('retry in', 'coba lagi dalam').replace('no frame for', 'tanpa gambar selama')
    .replace('attempt', 'percobaan').replace('frames decoded', 'gambar terbaca') : state;
}
