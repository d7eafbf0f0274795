// The console's languages: Indonesian by default, English on the switch in the header (remembered in
// localStorage). Pages ask t('key', {param}) for every word they show; a key missing in English falls back to
// Indonesian, so a page not yet translated is still readable. The server sends errors as stable codes with their
// values ({error, reason, errors: [{field, code, params}]}) and an English detail; errorText() turns them into a
// sentence in the chosen language, and the English detail is shown only when English is chosen.

const KEY = 'pantau.lang';
const LANGS = ['id', 'en'];

const ID = {
  'lang.switch': 'English',
  'lang.switch.title': 'Switch to English',
  'shell.logout': 'Keluar',
  'shell.loading': 'Memuat…',
  'shell.title': 'Pantau — Konsol',
  'menu.cameras': 'Kamera', 'menu.live': 'Tayangan langsung', 'menu.board': 'Lalu lintas & kejadian',
  'menu.review': 'Verifikasi pelanggaran', 'menu.tickets': 'Tilang', 'menu.complaints': 'Pengaduan',
  'menu.users': 'Pengguna', 'menu.api-keys': 'Kunci API', 'menu.dead-letters': 'Pesan gagal', 'menu.audit': 'Jejak audit',
  'role.police': 'polisi', 'role.dishub': 'dishub', 'role.operator': 'operator', 'role.admin': 'admin',

  'login.title': 'Masuk ke Pantau', 'login.user': 'Nama pengguna', 'login.password': 'Kata sandi', 'login.submit': 'Masuk',
  'login.checking': 'Memeriksa…', 'login.wrong': 'Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.',
  'login.failed': 'Gagal masuk: {detail}',
  'password.title': 'Ganti kata sandi',
  'password.intro': 'Akun baru harus mengganti kata sandi sebelum memakai konsol (minimal 10 karakter).',
  'password.current': 'Kata sandi sekarang', 'password.new': 'Kata sandi baru', 'password.again': 'Ulangi kata sandi baru',
  'password.save': 'Simpan', 'password.mismatch': 'Kedua kata sandi baru tidak sama.',

  'error.unauthenticated': 'Sesi berakhir atau belum masuk; silakan masuk lagi.',
  'error.forbidden': 'Peran Anda tidak boleh melakukan ini.',
  'error.role_not_allowed': 'Peran {role} tidak boleh melakukan ini; yang boleh: {allowed_roles}.',
  'error.password_change_required': 'Ganti kata sandi dulu sebelum memakai konsol.',
  'error.not_found': 'Tidak ditemukan.',
  'error.no_frame': 'Kamera belum mengirim gambar.',
  'error.conflict': 'Bertentangan dengan keadaan saat ini; muat ulang halaman.',
  'error.invalid_request': 'Permintaan tidak valid.',
  'error.invalid_field': 'Isian "{field}" tidak valid.',
  'fieldname.status': 'status', 'fieldname.reason': 'alasan', 'fieldname.opd': 'OPD', 'fieldname.from': 'dari',
  'fieldname.to': 'ke', 'fieldname.role': 'peran', 'fieldname.name': 'nama', 'fieldname.category': 'kategori',
  'fieldname.cameras': 'kamera', 'fieldname.hours': 'jam', 'fieldname.note': 'catatan', 'fieldname.format': 'format',
  'error.invalid_json': 'Isi permintaan bukan JSON yang valid.',
  'error.invalid_config': 'Konfigurasi tidak valid.',
  'error.too_many_requests': 'Terlalu banyak permintaan; coba lagi sebentar lagi.',
  'error.body_too_large': 'Isi permintaan terlalu besar.',
  'error.live_unavailable': 'Video langsung belum tersedia.',
  'error.internal_error': 'Terjadi kesalahan di server.',
  'error.http': 'Kesalahan HTTP {status}.',
  'error.network': 'Server tidak dapat dihubungi.',

  // a geometry field's problem (ConfigError code) in words
  'field.missing': 'belum diisi',
  'field.invalid': 'tidak valid',
  'field.invalid_id': 'ID kamera tidak valid',
  'field.position_incomplete': 'posisi butuh lintang dan bujur',
  'field.outside_frame': 'titik {point} di luar bingkai {frame}',
  'field.box_outside_frame': 'kotak di luar bingkai {frame}',
  'field.empty_box': 'kotak kosong (x2 harus lebih besar dari x1, y2 dari y1)',
  'field.too_few_vertices': 'poligon butuh sedikitnya 3 titik, ada {count}',
  'field.self_intersecting': 'sisi-sisi poligon saling berpotongan',
  'field.no_area': 'poligon tidak berluas (semua titik segaris?)',
  'field.same_points': 'kedua ujung garis (hampir) sama',
  'field.direction_missing': 'arah "masuk" belum dipilih',
  'field.direction_along_line': 'arah "{direction}" sejajar garis; harus memotongnya',
  'field.duplicate_id': 'ID "{id}" dipakai dua kali',
  'field.too_long': 'paling banyak {max} karakter, ada {length}',
  'field.unknown_approach': 'pendekat "{approach}" tidak dikenal',
  'field.unknown_lane': 'lajur "{lane}" tidak dikenal',
  'field.movements_missing': 'sebutkan gerakan yang diizinkan lajur',
  'field.heading_range': 'arah kompas harus 0–360 derajat, tertulis {value}',
  'field.lamps_missing': 'sinyal visual butuh kotak lampu merah, kuning dan hijau',
  'field.calibration_too_few': 'kalibrasi butuh sedikitnya 4 titik, ada {count}',
  'field.calibration_degenerate': 'titik-titik tidak menentukan bidang jalan: ada tiga titik segaris atau dua titik sama',
  'field.calibration_disagree': 'titik-titik tidak cocok: setelah dipasang, satu titik meleset {residual_m} m (batas {limit_m} m); ukur ulang',
  'field.not_a_point': 'tulis [x, y] sebagai dua angka',
  'field.body_required': 'dokumen konfigurasi kosong',
  'field.not_json': 'bukan JSON yang valid',
  'field.not_object': 'harus berupa objek JSON',
  'field.camera_mismatch': 'dokumen untuk kamera "{named}", bukan "{camera}"',
  'field.detector_invalid': 'profil detektor tidak valid',


  // the camera grid
  'cam.title': 'Kamera', 'cam.count': '{count} kamera · diperbarui {time}', 'cam.loadFailed': 'Daftar kamera tidak dapat dimuat: {detail}',
  'cam.facts': '{width}×{height} · {fps} fps · gambar {age} · {dropped} hilang', 'cam.noPicture': 'tidak ada gambar',
  'cam.snapshotAlt': 'Gambar terakhir {camera}', 'cam.edit': 'Ubah geometri', 'cam.view': 'Lihat geometri',
  'cam.noSnapshot': 'Belum ada gambar', 'cam.ageNone': 'belum ada', 'cam.ageMs': '{ms} ms lalu', 'cam.ageS': '{s} s lalu',
  // the audit trail
  'audit.title': 'Jejak audit', 'audit.kind': 'Jenis ', 'audit.idPlaceholder': 'id (mis. nomor kasus)', 'audit.filter': 'Saring',
  'audit.verify': 'Periksa keutuhan jejak', 'audit.col.seq': 'No.', 'audit.col.at': 'Waktu', 'audit.col.actor': 'Pelaku',
  'audit.col.action': 'Tindakan', 'audit.col.entity': 'Jenis', 'audit.col.id': 'Id', 'audit.none': 'Tidak ada entri.',
  'audit.intact': 'Jejak utuh: {count} entri diperiksa.', 'audit.broken': 'JEJAK RUSAK: {count} masalah ditemukan.',
  'audit.anchored': 'Dijangkarkan: {checked} titik periksa bertanda tangan diperiksa; terakhir #{seq} ({at}), {after} entri sesudahnya belum dijangkarkan.',
  'audit.notAnchored': 'Belum dijangkarkan: tidak ada titik periksa bertanda tangan di luar basis data.',
  'entity.': 'semua', 'entity.violation': 'kasus', 'entity.ticket': 'tilang', 'entity.user': 'pengguna',
  'entity.camera_config': 'konfigurasi kamera', 'entity.dead_letter': 'pesan gagal', 'entity.complaint': 'pengaduan',
  'entity.api_key': 'kunci API',
  'action.auth.login': 'masuk', 'action.auth.login_failed': 'gagal masuk', 'action.user.create': 'pengguna dibuat',
  'action.user.update': 'pengguna diubah', 'action.user.password_change': 'kata sandi diganti',
  'action.api_key.create': 'kunci API dibuat', 'action.api_key.rotate': 'kunci API diganti', 'action.api_key.revoke': 'kunci API dicabut',
  'action.camera_config.save': 'geometri disimpan', 'action.camera_config.activate': 'geometri diberlakukan',
  'action.alert.acknowledge': 'peringatan dikonfirmasi', 'action.alert.note': 'catatan peringatan',
  'action.violation.received': 'kasus diterima', 'action.violation.claim': 'kasus diklaim',
  'action.violation.plate_correction': 'pelat dikoreksi', 'action.violation.first_approval': 'disetujui (petugas pertama)',
  'action.violation.approve': 'kasus disetujui', 'action.violation.reject': 'kasus ditolak', 'action.evidence.view': 'bukti dilihat',
  'action.ticket.issue': 'tilang terbit', 'action.ticket.status': 'status tilang diubah',
  'action.ticket.letter_download': 'surat konfirmasi diunduh', 'action.dead_letter.resolve': 'pesan gagal diselesaikan',
  'action.complaint.create': 'pengaduan masuk', 'action.complaint.update': 'pengaduan diperbarui',
  'action.complaint.status': 'status pengaduan diubah', 'action.complaint.corroborate': 'pengaduan dikonfirmasi kamera',
  'action.complaint.contact_view': 'kontak pelapor dilihat',

  // accounts and dead letters
  'users.title': 'Pengguna', 'users.name': 'Nama ', 'users.namePlaceholder': 'nama.pengguna', 'users.password': 'Sandi awal ',
  'users.passwordPlaceholder': 'min. 10 karakter', 'users.role': 'Peran ', 'users.add': 'Tambah pengguna',
  'users.created': 'Pengguna {name} dibuat; ia harus mengganti sandi saat pertama masuk.',
  'users.col.name': 'Nama', 'users.col.role': 'Peran', 'users.col.active': 'Aktif', 'users.yes': 'ya', 'users.no': 'tidak',
  'users.disable': 'Nonaktifkan', 'users.enable': 'Aktifkan',
  'dl.title': 'Pesan pelanggaran gagal',
  'dl.intro': 'Kejadian pelanggaran yang tidak bisa menjadi kasus disimpan di sini beserta alasannya; tidak ada yang hilang.',
  'dl.col.received': 'Diterima', 'dl.col.kind': 'Jenis', 'dl.col.reason': 'Alasan',
  'dl.kind.invalid': 'tidak sesuai format', 'dl.kind.refused': 'ditolak basis data',
  'dl.none': 'Tidak ada pesan gagal yang terbuka.', 'dl.open': '{count} pesan gagal terbuka.',
  'dl.replay': 'Proses ulang', 'dl.replayed': 'Diproses ulang.', 'dl.dismiss': 'Tutup', 'dl.dismissed': 'Ditutup.',
  'dl.dismissPrompt': 'Alasan menutup pesan ini tanpa memproses ulang:',
  // a dead letter's reason (reason_code with reason_params; DeadLetters); in English the server's own sentence
  'dl.reason.too_large': 'Pesan {bytes} byte, melebihi batas {max} byte: kamera tidak boleh menyisipkan gambar di dalam pesan.',
  'dl.reason.not_json': 'Pesan bukan JSON yang sesuai kontrak.',
  'dl.reason.unreadable': 'Pesan tidak dapat dibaca.',
  'dl.reason.empty': 'Pesan kosong (JSON null).',
  'dl.reason.rejected': 'Pelanggaran {event_id} ditolak: isian {fields} tidak ada atau tidak valid.',
  'dl.reason.refused': 'Basis data menolak pelanggaran {event_id} (SQLSTATE {sqlstate}).',
  'dl.reason.refused_fields': 'Basis data menolak pelanggaran {event_id} (SQLSTATE {sqlstate}): isian {fields} melebihi panjang kolomnya.',
  'dl.reason.no_event_id': '(tanpa event_id)',
  // the geometry editor
  'ed.title': 'Geometri kamera ',
  'ed.tool': 'Alat ', 'ed.lane.movements': 'Gerakan yang diizinkan: ', 'ed.id': 'ID ', 'ed.idPlaceholder': 'mis. antrian_utara', 'ed.direction': 'Arah "masuk" ',
  'ed.approach': 'Pendekat ', 'ed.approachPlaceholder': 'mis. utara', 'ed.lamp': 'Lampu ', 'ed.draw': 'Gambar',
  'ed.tool.zone': 'Zona kemacetan (poligon)', 'ed.tool.lane': 'Lajur (poligon)', 'ed.tool.line': 'Garis hitung',
  'ed.tool.stop': 'Garis henti', 'ed.tool.lamp': 'Kotak lampu sinyal', 'ed.tool.calib': 'Titik kalibrasi',
  'ed.dir.up': 'atas ↑', 'ed.dir.down': 'bawah ↓', 'ed.dir.left': 'kiri ←', 'ed.dir.right': 'kanan →',
  'ed.lamp.red': 'merah', 'ed.lamp.amber': 'kuning', 'ed.lamp.green': 'hijau',
  'ed.finish': 'Selesai poligon', 'ed.undo': 'Batal titik', 'ed.save': 'Simpan sebagai versi baru',
  'ed.readOnly': 'Hanya operator dan admin yang dapat mengubah geometri; Anda melihat saja.',
  'ed.errors': 'Kesalahan', 'ed.elements': 'Elemen', 'ed.versions': 'Versi', 'ed.none': 'Tidak ada',
  'ed.json': 'JSON lengkap (ambang batas, detektor)', 'ed.applyJson': 'Terapkan JSON',
  'ed.loaded': 'Versi {version} dimuat.', 'ed.empty': 'Belum ada geometri: gambar dan simpan versi pertama.',
  'ed.loadFailed': 'Geometri tidak dapat dimuat: {detail}',
  'ed.current': ' (berlaku)', 'ed.view': 'Lihat', 'ed.activate': 'Berlakukan', 'ed.unknownAuthor': 'tidak tercatat',
  'ed.activated': 'Versi {version} kini berlaku.', 'ed.activateFailed': 'Versi {version} tidak dapat diberlakukan: {detail}',
  'ed.saving': 'Menyimpan…', 'ed.saved': 'Tersimpan sebagai versi {version} dan kini berlaku.',
  'ed.notSaved400': 'Tidak disimpan: perbaiki kesalahan di samping. Versi yang berlaku tidak berubah.',
  'ed.notSaved': 'Tidak disimpan: {detail}',
  'ed.jsonApplied': 'JSON diterapkan ke draf (belum disimpan).', 'ed.jsonInvalid': 'JSON tidak valid: {detail}',
  'ed.pickPolygon': 'Pilih alat poligon (zona atau lajur).', 'ed.polygonTooSmall': 'Poligon butuh sedikitnya 3 titik.',
  'ed.polygonAdded': 'Poligon ditambahkan ke draf (belum disimpan).', 'ed.added': 'Ditambahkan ke draf (belum disimpan).',
  'ed.moved': 'Titik dipindah ke ({x}, {y}) (belum disimpan).',
  'ed.delete': 'Hapus',
  'ed.group.zones': 'Zona', 'ed.group.counting_lines': 'Garis hitung', 'ed.group.lanes': 'Lajur', 'ed.group.approaches': 'Pendekat',
  'ed.points': '{count} titik', 'ed.withApproach': ', pendekat {approach}', 'ed.in': 'masuk = {direction}',
  'ed.movements': '{count} titik, gerakan {movements}', 'ed.stopLine': 'garis henti', 'ed.noStopLine': 'tanpa garis henti',
  'ed.signal': ', sinyal {source}',
  'ed.hint.zone': 'Klik titik-titik sudut zona pada gambar, lalu "Selesai poligon". Seret titik yang ada untuk memindahkannya.',
  'ed.hint.lane': 'Klik titik-titik sudut lajur sebelum garis henti, lalu "Selesai poligon". Seret titik yang ada untuk memindahkannya.',
  'ed.hint.line': 'Klik dua ujung garis hitung; kendaraan yang melintas ke arah "masuk" dihitung masuk.',
  'ed.hint.stop': 'Klik dua ujung garis henti; arah "masuk" = arah kendaraan melintasi garis ke persimpangan.',
  'ed.hint.lamp': 'Klik dua sudut kotak lampu (kiri-atas, kanan-bawah) untuk warna yang dipilih.',
  'ed.hint.calib': 'Klik titik di jalan yang posisinya diukur (mis. sudut marka), lalu isi posisinya di tanah dalam meter. Sedikitnya 4 titik, tidak tiga segaris.',
  'ed.calib': 'Kalibrasi (titik tanah)', 'ed.calib.image': 'Gambar (px)', 'ed.calib.x': 'X tanah (m)', 'ed.calib.y': 'Y tanah (m)',
  'ed.calib.error': 'Galat (m)', 'ed.calib.check': 'Periksa kalibrasi',
  'ed.calib.distance': 'Jarak dari titik sebelumnya (m)', 'ed.calib.rect': 'Empat titik pertama = sudut persegi panjang terukur:',
  'ed.calib.width': 'lebar (m) ', 'ed.calib.length': ' panjang (m) ', 'ed.calib.rectFill': 'Isi posisi tanah',
  'ed.calib.rectNeeds': 'Klik dulu 4 titik (urut keliling) dan isi lebar serta panjang dalam meter.',
  'ed.calib.rectDone': 'Posisi tanah 4 titik pertama diisi dari persegi panjang {width} × {length} m.',
  'ed.calib.ok': 'Kalibrasi cocok: galat terbesar {max} m, RMS {rms} m (batas {limit} m).',
  'ed.calib.bad': 'Kalibrasi belum cocok: galat terbesar {max} m melebihi batas {limit} m; ukur ulang titik yang bertanda merah.',
  'ed.calib.refused': 'Kalibrasi ditolak: {detail}',
  'ed.calib.added': 'Titik kalibrasi {n} ditambahkan: isi posisinya di tanah (meter).',
  'ed.diff': 'Bandingkan versi', 'ed.diff.from': 'dari ', 'ed.diff.to': ' ke ', 'ed.diff.run': 'Bandingkan',
  'ed.diff.path': 'Bagian', 'ed.diff.old': 'Lama', 'ed.diff.new': 'Baru', 'ed.diff.same': 'Tidak ada perbedaan.',
  'ed.diff.summary': '{count} perubahan dari v{from} ke v{to}.', 'ed.diff.absent': '(tidak ada)',
};

const EN = {
  'lang.switch': 'Bahasa Indonesia',
  'lang.switch.title': 'Ganti ke bahasa Indonesia',
  'shell.logout': 'Log out',
  'shell.loading': 'Loading…',
  'shell.title': 'Pantau — Console',
  'menu.cameras': 'Cameras', 'menu.live': 'Live view', 'menu.board': 'Traffic & incidents',
  'menu.review': 'Violation review', 'menu.tickets': 'Tickets', 'menu.complaints': 'Complaints',
  'menu.users': 'Users', 'menu.api-keys': 'API keys', 'menu.dead-letters': 'Dead letters', 'menu.audit': 'Audit trail',
  'role.police': 'police', 'role.dishub': 'dishub', 'role.operator': 'operator', 'role.admin': 'admin',

  'login.title': 'Sign in to Pantau', 'login.user': 'User name', 'login.password': 'Password', 'login.submit': 'Sign in',
  'login.checking': 'Checking…', 'login.wrong': 'Wrong user name or password, or the account is disabled.',
  'login.failed': 'Sign-in failed: {detail}',
  'password.title': 'Change password',
  'password.intro': 'A new account must change its password before using the console (at least 10 characters).',
  'password.current': 'Current password', 'password.new': 'New password', 'password.again': 'New password again',
  'password.save': 'Save', 'password.mismatch': 'The two new passwords differ.',

  'error.unauthenticated': 'Session ended or not signed in; please sign in again.',
  'error.forbidden': 'Your role may not do this.',
  'error.role_not_allowed': 'Role {role} may not do this; allowed: {allowed_roles}.',
  'error.password_change_required': 'Change your password before using the console.',
  'error.not_found': 'Not found.',
  'error.no_frame': 'The camera has delivered no frame yet.',
  'error.conflict': 'Conflicts with the current state; reload the page.',
  'error.invalid_request': 'Invalid request.',
  'error.invalid_field': 'Invalid "{field}".',
  'fieldname.status': 'status', 'fieldname.reason': 'reason', 'fieldname.opd': 'agency', 'fieldname.from': 'from',
  'fieldname.to': 'to', 'fieldname.role': 'role', 'fieldname.name': 'name', 'fieldname.category': 'category',
  'fieldname.cameras': 'cameras', 'fieldname.hours': 'hours', 'fieldname.note': 'note', 'fieldname.format': 'format',
  'error.invalid_json': 'The request body is not valid JSON.',
  'error.invalid_config': 'Invalid configuration.',
  'error.too_many_requests': 'Too many requests; try again shortly.',
  'error.body_too_large': 'The request body is too large.',
  'error.live_unavailable': 'Live video is not available yet.',
  'error.internal_error': 'The server failed.',
  'error.http': 'HTTP error {status}.',
  'error.network': 'The server cannot be reached.',
  'field.invalid': 'invalid',

  'cam.title': 'Cameras', 'cam.count': '{count} cameras · updated {time}', 'cam.loadFailed': 'The camera list cannot be loaded: {detail}',
  'cam.facts': '{width}×{height} · {fps} fps · frame {age} · {dropped} dropped', 'cam.noPicture': 'no picture',
  'cam.snapshotAlt': 'Latest frame of {camera}', 'cam.edit': 'Edit geometry', 'cam.view': 'View geometry',
  'cam.noSnapshot': 'No frame yet', 'cam.ageNone': 'none yet', 'cam.ageMs': '{ms} ms ago', 'cam.ageS': '{s} s ago',
  'audit.title': 'Audit trail', 'audit.kind': 'Kind ', 'audit.idPlaceholder': 'id (e.g. case number)', 'audit.filter': 'Filter',
  'audit.verify': 'Check the trail\'s integrity', 'audit.col.seq': 'No.', 'audit.col.at': 'Time', 'audit.col.actor': 'Actor',
  'audit.col.action': 'Action', 'audit.col.entity': 'Kind', 'audit.col.id': 'Id', 'audit.none': 'No entries.',
  'audit.intact': 'Trail intact: {count} entries checked.', 'audit.broken': 'TRAIL BROKEN: {count} problems found.',
  'audit.anchored': 'Anchored: {checked} signed checkpoints checked; latest #{seq} ({at}), {after} later entries not anchored yet.',
  'audit.notAnchored': 'Not anchored: no signed checkpoint outside the database.',
  'entity.': 'all', 'entity.violation': 'case', 'entity.ticket': 'ticket', 'entity.user': 'user',
  'entity.camera_config': 'camera configuration', 'entity.dead_letter': 'dead letter', 'entity.complaint': 'complaint',
  'entity.api_key': 'API key',
  'action.auth.login': 'login', 'action.auth.login_failed': 'failed login', 'action.user.create': 'user created',
  'action.user.update': 'user changed', 'action.user.password_change': 'password changed',
  'action.api_key.create': 'API key created', 'action.api_key.rotate': 'API key rotated', 'action.api_key.revoke': 'API key revoked',
  'action.camera_config.save': 'geometry saved', 'action.camera_config.activate': 'geometry put in force',
  'action.alert.acknowledge': 'alert acknowledged', 'action.alert.note': 'alert note',
  'action.violation.received': 'case received', 'action.violation.claim': 'case claimed',
  'action.violation.plate_correction': 'plate corrected', 'action.violation.first_approval': 'approved (first officer)',
  'action.violation.approve': 'case approved', 'action.violation.reject': 'case rejected', 'action.evidence.view': 'evidence viewed',
  'action.ticket.issue': 'ticket issued', 'action.ticket.status': 'ticket status changed',
  'action.ticket.letter_download': 'confirmation letter downloaded', 'action.dead_letter.resolve': 'dead letter resolved',
  'action.complaint.create': 'complaint received', 'action.complaint.update': 'complaint updated',
  'action.complaint.status': 'complaint status changed', 'action.complaint.corroborate': 'complaint confirmed by camera',
  'action.complaint.contact_view': 'reporter contact viewed',

  'users.title': 'Users', 'users.name': 'Name ', 'users.namePlaceholder': 'user.name', 'users.password': 'Initial password ',
  'users.passwordPlaceholder': 'at least 10 characters', 'users.role': 'Role ', 'users.add': 'Add user',
  'users.created': 'User {name} created; they must change the password at first sign-in.',
  'users.col.name': 'Name', 'users.col.role': 'Role', 'users.col.active': 'Active', 'users.yes': 'yes', 'users.no': 'no',
  'users.disable': 'Disable', 'users.enable': 'Enable',
  'dl.title': 'Failed violation messages',
  'dl.intro': 'Violation events that could not become cases are kept here with the reason; nothing is lost.',
  'dl.col.received': 'Received', 'dl.col.kind': 'Kind', 'dl.col.reason': 'Reason',
  'dl.kind.invalid': 'malformed', 'dl.kind.refused': 'refused by the database',
  'dl.none': 'No open dead letters.', 'dl.open': '{count} open dead letters.',
  'dl.replay': 'Replay', 'dl.replayed': 'Replayed.', 'dl.dismiss': 'Close', 'dl.dismissed': 'Closed.',
  'dl.dismissPrompt': 'Why close this message without replaying it:',

  'ed.title': 'Camera geometry ',
  'ed.tool': 'Tool ', 'ed.lane.movements': 'Allowed movements: ', 'ed.id': 'ID ', 'ed.idPlaceholder': 'e.g. north_queue', 'ed.direction': '"In" direction ',
  'ed.approach': 'Approach ', 'ed.approachPlaceholder': 'e.g. north', 'ed.lamp': 'Lamp ', 'ed.draw': 'Draw',
  'ed.tool.zone': 'Congestion zone (polygon)', 'ed.tool.lane': 'Lane (polygon)', 'ed.tool.line': 'Counting line',
  'ed.tool.stop': 'Stop line', 'ed.tool.lamp': 'Signal lamp box', 'ed.tool.calib': 'Calibration point',
  'ed.dir.up': 'up ↑', 'ed.dir.down': 'down ↓', 'ed.dir.left': 'left ←', 'ed.dir.right': 'right →',
  'ed.lamp.red': 'red', 'ed.lamp.amber': 'amber', 'ed.lamp.green': 'green',
  'ed.finish': 'Finish polygon', 'ed.undo': 'Undo point', 'ed.save': 'Save as a new version',
  'ed.readOnly': 'Only operators and admins may change the geometry; you are viewing it.',
  'ed.errors': 'Errors', 'ed.elements': 'Elements', 'ed.versions': 'Versions', 'ed.none': 'None',
  'ed.json': 'Full JSON (thresholds, detector)', 'ed.applyJson': 'Apply JSON',
  'ed.loaded': 'Version {version} loaded.', 'ed.empty': 'No geometry yet: draw and save the first version.',
  'ed.loadFailed': 'The geometry cannot be loaded: {detail}',
  'ed.current': ' (in force)', 'ed.view': 'View', 'ed.activate': 'Put in force', 'ed.unknownAuthor': 'not recorded',
  'ed.activated': 'Version {version} is now in force.', 'ed.activateFailed': 'Version {version} cannot be put in force: {detail}',
  'ed.saving': 'Saving…', 'ed.saved': 'Saved as version {version}, now in force.',
  'ed.notSaved400': 'Not saved: fix the errors listed beside. The version in force is unchanged.',
  'ed.notSaved': 'Not saved: {detail}',
  'ed.jsonApplied': 'JSON applied to the draft (not saved yet).', 'ed.jsonInvalid': 'Invalid JSON: {detail}',
  'ed.pickPolygon': 'Pick a polygon tool (zone or lane).', 'ed.polygonTooSmall': 'A polygon needs at least 3 points.',
  'ed.polygonAdded': 'Polygon added to the draft (not saved yet).', 'ed.added': 'Added to the draft (not saved yet).',
  'ed.moved': 'Point moved to ({x}, {y}) (not saved yet).',
  'ed.delete': 'Delete',
  'ed.group.zones': 'Zones', 'ed.group.counting_lines': 'Counting lines', 'ed.group.lanes': 'Lanes', 'ed.group.approaches': 'Approaches',
  'ed.points': '{count} points', 'ed.withApproach': ', approach {approach}', 'ed.in': 'in = {direction}',
  'ed.movements': '{count} points, movements {movements}', 'ed.stopLine': 'stop line', 'ed.noStopLine': 'no stop line',
  'ed.signal': ', signal {source}',
  'ed.hint.zone': 'Click the zone\'s corners on the picture, then "Finish polygon". Drag an existing point to move it.',
  'ed.hint.lane': 'Click the lane\'s corners before the stop line, then "Finish polygon". Drag an existing point to move it.',
  'ed.hint.line': 'Click the two ends of the counting line; vehicles crossing in the "in" direction count as in.',
  'ed.hint.stop': 'Click the two ends of the stop line; "in" = the direction vehicles cross it into the junction.',
  'ed.hint.lamp': 'Click two corners of the lamp box (top left, bottom right) for the chosen colour.',
  'ed.hint.calib': 'Click a point on the road whose position was measured (e.g. a marking corner), then type its ground position in metres. At least 4 points, no three on one line.',
  'ed.calib': 'Calibration (ground points)', 'ed.calib.image': 'Image (px)', 'ed.calib.x': 'Ground X (m)', 'ed.calib.y': 'Ground Y (m)',
  'ed.calib.error': 'Error (m)', 'ed.calib.check': 'Check calibration',
  'ed.calib.distance': 'Distance from the previous point (m)', 'ed.calib.rect': 'First four points = corners of a measured rectangle:',
  'ed.calib.width': 'width (m) ', 'ed.calib.length': ' length (m) ', 'ed.calib.rectFill': 'Fill ground positions',
  'ed.calib.rectNeeds': 'Click 4 points first (in order round it) and give the width and length in metres.',
  'ed.calib.rectDone': 'Ground positions of the first 4 points filled from a {width} × {length} m rectangle.',
  'ed.calib.ok': 'Calibration fits: largest error {max} m, RMS {rms} m (limit {limit} m).',
  'ed.calib.bad': 'Calibration does not fit yet: largest error {max} m exceeds the {limit} m limit; re-measure the points marked red.',
  'ed.calib.refused': 'Calibration refused: {detail}',
  'ed.calib.added': 'Calibration point {n} added: type its ground position (metres).',
  'ed.diff': 'Compare versions', 'ed.diff.from': 'from ', 'ed.diff.to': ' to ', 'ed.diff.run': 'Compare',
  'ed.diff.path': 'Part', 'ed.diff.old': 'Old', 'ed.diff.new': 'New', 'ed.diff.same': 'No differences.',
  'ed.diff.summary': '{count} changes from v{from} to v{to}.', 'ed.diff.absent': '(none)',
};

const DICTS = { id: ID, en: EN };

export function lang() {
  const l = localStorage.getItem(KEY);
  return LANGS.includes(l) ? l : 'id';
}

/** Remembers the language and tells the shell to draw the page again. */
export function setLang(l) {
  localStorage.setItem(KEY, LANGS.includes(l) ? l : 'id');
  document.documentElement.lang = lang();
  window.dispatchEvent(new Event('pantau:lang'));
}

/** The words for key in the chosen language, {name} replaced by params.name. */
export function t(key, params = {}) {
  const text = DICTS[lang()][key] ?? ID[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k) => params[k] === undefined ? m : format(params[k]));
}

function format(v) {
  if (Array.isArray(v)) return v.map(format).join(', ');
  // whole numbers as they are (a 1280-pixel frame, case #1042); fractions with the language's decimal mark
  if (typeof v === 'number' && !Number.isInteger(v)) {
    return v.toLocaleString(lang() === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 3 });
  }
  return String(v);
}

/** Whether the dictionary has the key (in Indonesian, the full one). */
export function has(key) {
  return key in ID;
}

/**
 * An error answer (ApiError) as one sentence in the chosen language: the reason or code translated, with the
 * server's English detail appended only in English (it names routes and fields an English reader can use).
 */
export function errorText(e) {
  if (!e || e.status === undefined) return t('error.network');
  // a 400 naming the field it refuses (the back office's invalidField): say which field
  const fieldKey = e.code === 'invalid_request' && e.params?.field ? 'error.invalid_field' : null;
  const key = [fieldKey, e.reason && 'error.' + e.reason, e.code && 'error.' + e.code].find(k => k && has(k));
  const params = { ...(e.params || {}), status: e.status, role: e.params?.role && t('role.' + e.params.role),
    allowed_roles: (e.params?.allowed_roles || []).map(r => t('role.' + r)),
    field: e.params?.field && (has('fieldname.' + e.params.field) ? t('fieldname.' + e.params.field) : e.params.field) };
  const text = key ? t(key, params) : t('error.http', params);
  return lang() === 'en' && e.detail && e.detail !== text ? text + ' (' + e.detail + ')' : text;
}

/** One geometry field error ({field, message, code, params}): the problem in words, without the field path. */
export function fieldErrorText(err) {
  if (lang() === 'en') return err.message;   // the server's own English wording
  return err.code && has('field.' + err.code) ? t('field.' + err.code, err.params || {}) : t('field.invalid');
}

/** A time in WIB (Asia/Jakarta) in the chosen language, e.g. "6/12/2026, 13.05.10 WIB". */
export function wib(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(lang() === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta' }) + ' WIB';
}

/** The time of day in WIB, e.g. "13.05.10 WIB". */
export function wibClock(date = new Date()) {
  return date.toLocaleTimeString(lang() === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta' }) + ' WIB';
}

/**
 * Words a page keeps inline, Indonesian first: tr('Antrian', 'Queue'). For pages whose words are used once and
 * read best next to the code that shows them; shared words belong in the dictionaries above.
 */
export function tr(id, en) {
  return lang() === 'en' ? en : id;
}
