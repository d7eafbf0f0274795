// The words a person reads in the console: the pipeline's English identifiers in Indonesian, in one place.

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

export const vehicle = c => CLASS[c] ?? c ?? '—';
export const direction = d => DIRECTION[d] ?? d ?? '—';
export const signal = s => SIGNAL[s] ?? s ?? '—';
export const fault = k => FAULT[k] ?? k ?? '—';
export const alertKind = k => ALERT_KIND[k] ?? k ?? '—';
export const complaintCategory = c => COMPLAINT_CATEGORY[c] ?? c ?? '—';
export const complaintStatus = s => COMPLAINT_STATUS[s] ?? s ?? '—';
export const approach = a => a == null ? '—' : COMPASS[String(a).toLowerCase()] ? 'dari ' + COMPASS[String(a).toLowerCase()] : a;

/** A camera state line ("STREAMING 1280x720 @ 25.00 fps", "DOWN: refused (retry in 4 s)") with its word translated. */
export function cameraState(state) {
  if (!state) return '—';
  const word = state.match(/^[A-Z]+/)?.[0];
  return word && CAMERA_STATE[word] ? CAMERA_STATE[word] + state.slice(word.length)
    .replace('retry in', 'coba lagi dalam').replace('no frame for', 'tanpa gambar selama')
    .replace('attempt', 'percobaan').replace('frames decoded', 'gambar terbaca') : state;
}
