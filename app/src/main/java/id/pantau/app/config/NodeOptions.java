package id.pantau.app.config;

import id.pantau.app.console.MapTiles;
import id.pantau.core.config.ConfigDef;
import id.pantau.core.config.Option;
import id.pantau.core.config.OptionType;
import id.pantau.core.config.Range;
import id.pantau.core.config.ReadBy;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.enforcement.config.EnforcementConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The options of the node file (docs/node-config.md, generated table); {@link NodeConfigLoader} reads by them. */
public final class NodeOptions {
    public static final ConfigDef DEF = new ConfigDef("node configuration");

    public static final Option HTTP_HOST = DEF.define(Option.of("http.host", OptionType.STRING)
            .defaultValue("127.0.0.1").maxLength(253)
            .doc("address the HTTP server listens on: /health, /metrics, /openapi, /api, the console")
            .readBy(ReadBy.NODE));
    public static final Option HTTP_PORT = DEF.define(Option.of("http.port", OptionType.INT).defaultValue(8080)
            .range(Range.closed(0, 65535)).doc("its port (0: any free one)").readBy(ReadBy.NODE));
    public static final Option DATA_DIR = DEF.define(Option.of("data_dir", OptionType.PATH)
            .defaultValue(Path.of("var")).defaultDoc("./var")
            .doc("database (H2), evidence folder, spool, signing keys, camera geometry").readBy(ReadBy.NODE));
    public static final Option CAMERAS = DEF.define(Option.of("cameras", OptionType.PATH)
            .defaultDoc("the sample videos, looping").doc("the camera list (ingest/README.md)")
            .readBy(ReadBy.INGEST));
    public static final Option STAGES = DEF.define(Option.listOf("stages", OptionType.ENUM)
            .allowed(stageNames()).defaultValue(List.of(stageNames())).defaultDoc("all")
            .doc("the stages this node runs (rules below)").readBy(ReadBy.NODE));
    public static final Option BUS_TYPE = DEF.define(Option.of("bus.type", OptionType.ENUM).defaultValue("in-process")
            .allowed("in-process", "kafka").allowedText("in-process or kafka")
            .doc("how stages on different machines meet").readBy(ReadBy.NODE));
    public static final Option BUS_BOOTSTRAP_SERVERS = DEF.define(Option.of("bus.bootstrap_servers", OptionType.STRING)
            .maxLength(2000).doc("Kafka brokers, e.g. kafka-1:9092,kafka-2:9092 (kafka only, required there)")
            .readBy(ReadBy.NODE));
    public static final Option BUS_PARTITIONS = DEF.define(Option.of("bus.partitions", OptionType.INT).defaultValue(6)
            .range(Range.from(1, 10_000)).doc("partitions of the topics it creates; keyed by camera, each camera's"
                    + " events stay in order (kafka only)").readBy(ReadBy.NODE));
    public static final Option BUS_CLIENT_ID = DEF.define(Option.of("bus.client_id", OptionType.STRING)
            .defaultValue("pantau").maxLength(200)
            .doc("unique per node: it names the node's own consumer groups").readBy(ReadBy.EVIDENCE));
    public static final Option DATABASE_URL = DEF.define(Option.of("database.url", OptionType.STRING).maxLength(2000)
            .derivedDefault(c -> c.path(NodeOptions.DATA_DIR) == null ? null   // a wrong data_dir is reported
                    : EnforcementConfig.h2FileUrl(c.path(NodeOptions.DATA_DIR).resolve("enforcement")),
                    "H2 file `<data_dir>/enforcement`")
            .check(url -> ((String) url).startsWith("jdbc:h2:") || ((String) url).startsWith("jdbc:postgresql:") ? null
                    : "must be a jdbc:h2: or jdbc:postgresql: URL, got '" + url + "'")
            .doc("enforcement records (Flyway-migrated, same SQL on both); production: jdbc:postgresql://host/db")
            .readBy(ReadBy.ENFORCEMENT));
    public static final Option DATABASE_USER = DEF.define(Option.of("database.user", OptionType.STRING).maxLength(200)
            .derivedDefault(c -> c.string(NodeOptions.DATABASE_URL) != null
                    && c.string(NodeOptions.DATABASE_URL).startsWith("jdbc:h2:") ? "pantau" : null, "pantau on H2")
            .doc("database user").readBy(ReadBy.ENFORCEMENT));
    public static final Option DATABASE_PASSWORD = DEF.define(Option.of("database.password", OptionType.STRING)
            .defaultValue("").defaultDoc("empty").maxLength(1000).doc("database password (never logged)")
            .readBy(ReadBy.ENFORCEMENT));
    public static final Option DETECTOR_MODEL = DEF.define(Option.of("detector.model", OptionType.STRING)
            .defaultValue("yolox_nano").maxLength(200).doc("a model name from models/manifest.json")
            .readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_PROVIDER = DEF.define(Option.of("detector.provider", OptionType.ENUM)
            .defaultValue("cpu").allowed("cpu", "cuda").allowedText("cpu or cuda")
            .doc("ONNX Runtime execution provider (cuda needs the -Pgpu build)").readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_INTRA_OP_THREADS = DEF.define(Option.of("detector.intra_op_threads",
                    OptionType.INT).defaultValue(1).range(Range.from(1, 256))
            .doc("ONNX Runtime threads inside one inference").readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_SESSIONS = DEF.define(Option.of("detector.sessions", OptionType.INT)
            .derivedDefault(c -> Math.max(1, Runtime.getRuntime().availableProcessors()), "the number of cores")
            .range(Range.from(1, 256)).doc("inferences that may run at once").readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_SCORE_THRESHOLD = DEF.define(Option.of("detector.score_threshold",
                    OptionType.DOUBLE).defaultValue(0.1).range(Range.open(0, 1))
            .doc("lowest score the detector reports, every class; ByteTrack extends tracks with boxes down to it,"
                    + " its per-class thresholds (0.25-0.35) start them").readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_FORCE_DETECT_EVERY = DEF.define(Option.of("detector.force_detect_every",
                    OptionType.INT).defaultValue(10).range(Range.from(1, 10_000))
            .doc("the motion gate runs the detector at least every N frames").readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_MAX_BATCH = DEF.define(Option.of("detector.max_batch", OptionType.INT)
            .derivedDefault(c -> "cuda".equals(c.string(NodeOptions.DETECTOR_PROVIDER))
                    ? DetectorSettings.DEFAULT_MAX_BATCH : 1, "8 on cuda, 1 on cpu")
            .range(Range.from(1, 256))
            .doc("cameras' frames per inference, dynamic-batch models only (a fixed-batch model runs 1, with a"
                    + " warning); CPU cores measured slower batched").readBy(ReadBy.PERCEPTION));
    public static final Option DETECTOR_BATCH_WAIT_MS = DEF.define(Option.of("detector.batch_wait_ms", OptionType.INT)
            .defaultValue(5).range(Range.closed(0, 1000))
            .doc("how long a part batch waits for more cameras' frames").readBy(ReadBy.PERCEPTION));
    // citizen complaints (docs/complaints.md): how they meet the cameras
    public static final Option COMPLAINTS_LINK_DISTANCE_M = DEF.define(Option.of("complaints.link_distance_m",
                    OptionType.INT).defaultValue(150).range(Range.closed(1, 50_000))
            .doc("a complaint is linked to every camera (with a position) within this many metres of it")
            .readBy(ReadBy.ENFORCEMENT));
    public static final Option COMPLAINTS_CORROBORATION_WINDOW_MINUTES = DEF.define(Option.of(
                    "complaints.corroboration_window_minutes", OptionType.INT).defaultValue(60)
            .range(Range.closed(1, 7 * 24 * 60))
            .doc("a linked camera's signal fault or congestion alert confirms a complaint reported within this many"
                    + " minutes of it").readBy(ReadBy.ENFORCEMENT));
    // the evidence section (storage/README.md); EvidenceOptions builds the store settings from it
    public static final Option EVIDENCE_TYPE = DEF.define(Option.of("evidence.type", OptionType.ENUM)
            .derivedDefault(c -> EvidenceOptions.given(c) ? null : id.pantau.storage.config.EvidenceStoreConfig.LOCAL, "local without the section; required in it")
            .allowed(id.pantau.storage.config.EvidenceStoreConfig.LOCAL, id.pantau.storage.config.EvidenceStoreConfig.S3).allowedText("local or s3")
            .doc("where evidence packages are stored: a folder or an S3 bucket").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_DIR = DEF.define(Option.of("evidence.dir", OptionType.PATH)
            .derivedDefault(c -> EvidenceOptions.given(c) ? null : EvidenceOptions.dataDir(c, "evidence"), "`<data_dir>/evidence` without the section")
            .doc("local: the evidence folder").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_ENDPOINT = DEF.define(Option.of("evidence.endpoint", OptionType.STRING).maxLength(2000)
            .check(v -> EvidenceOptions.uri((String) v) == null ? "is not a URL, e.g. http://minio:9000" : null)
            .doc("s3: the server's URL, e.g. http://minio:9000").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_BUCKET = DEF.define(Option.of("evidence.bucket", OptionType.STRING).maxLength(63)
            .doc("s3: the bucket (3-63 lower-case letters, digits, '.', '-'), created when missing").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_ACCESS_KEY = DEF.define(Option.of("evidence.access_key", OptionType.STRING).maxLength(200)
            .doc("s3: access key").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_SECRET_KEY = DEF.define(Option.of("evidence.secret_key", OptionType.STRING).maxLength(200)
            .doc("s3: secret key (never logged)").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_REGION = DEF.define(Option.of("evidence.region", OptionType.STRING).defaultValue("us-east-1")
            .maxLength(100).doc("s3: region").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_RETENTION_DAYS = DEF.define(Option.of("evidence.retention_days", OptionType.INT).defaultValue(0)
            .range(Range.closed(0, 36_500))
            .doc("s3: object-lock retention in COMPLIANCE mode where the server supports it; 0 = none").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_TIMEOUT_SECONDS = DEF.define(Option.of("evidence.timeout_seconds", OptionType.INT).defaultValue(10)
            .range(Range.closed(1, 600)).doc("s3: timeout of one request").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_SPOOL_DIR = DEF.define(Option.of("evidence.spool_dir", OptionType.PATH)
            .derivedDefault(c -> EvidenceOptions.given(c) ? null : EvidenceOptions.dataDir(c, "spool/evidence"),
                    "`<data_dir>/spool/evidence` without the section; no spool in it unless set")
            .doc("where packages wait while the store is down").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_SPOOL_MIN_FREE_MB = DEF.define(Option.of("evidence.spool_min_free_mb", OptionType.INT)
            .defaultValue(256).range(Range.closed(0, 10_000_000))
            .doc("the spool refuses packages when its disk has less free space").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_SIGNING = DEF.define(Option.of("evidence.signing", OptionType.ENUM)
            .defaultValue(id.pantau.storage.config.EvidenceStoreConfig.ED25519)
            .allowed(id.pantau.storage.config.EvidenceStoreConfig.ED25519, id.pantau.storage.config.EvidenceStoreConfig.HMAC_SHA256).allowedText("ed25519 or hmac-sha256")
            .doc("how manifests are signed").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_SIGNING_PRIVATE_KEY = DEF.define(Option.of("evidence.signing_private_key", OptionType.PATH)
            .derivedDefault(c -> EvidenceOptions.given(c) ? null : EvidenceOptions.dataDir(c, "keys/evidence-ed25519.pem"),
                    "`<data_dir>/keys/evidence-ed25519.pem`, created at first start, without the section")
            .doc("ed25519: private key PEM (nodes that package evidence)").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_SIGNING_PUBLIC_KEY = DEF.define(Option.of("evidence.signing_public_key", OptionType.PATH)
            .derivedDefault(c -> EvidenceOptions.given(c) ? null : EvidenceOptions.dataDir(c, "keys/evidence-ed25519.pub.pem"),
                    "`<data_dir>/keys/evidence-ed25519.pub.pem` without the section")
            .doc("ed25519: public key PEM (every node that verifies)").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_HMAC_KEY_FILE = DEF.define(Option.of("evidence.hmac_key_file", OptionType.PATH)
            .doc("hmac-sha256: file with the base64 secret").readBy(ReadBy.EVIDENCE));
    public static final Option EVIDENCE_ZONE = DEF.define(Option.of("evidence.zone", OptionType.STRING).defaultValue("Asia/Jakarta")
            .maxLength(100).check(v -> EvidenceOptions.zone((String) v)).doc("time zone of the date folders in keys").readBy(ReadBy.EVIDENCE));

    // the console's camera map (docs/console.md); without a tile server it draws a plain schematic
    public static final Option CONSOLE_MAP_TILES = DEF.define(Option.of("console.map_tiles", OptionType.STRING).maxLength(2000)
            .check(v -> MapTiles.problem((String) v)).defaultDoc("none: a schematic of the camera positions")
            .doc("tile URL template of the camera map, e.g. https://tiles.example.id/{z}/{x}/{y}.png (one host; the"
                    + " console lets images come from exactly its origin)").readBy(ReadBy.CONSOLE));
    public static final Option CONSOLE_MAP_ATTRIBUTION = DEF.define(Option.of("console.map_attribution", OptionType.STRING)
            .maxLength(300).defaultValue("").defaultDoc("empty")
            .doc("the credit the tile provider asks for, shown on the map (e.g. © OpenStreetMap contributors)")
            .readBy(ReadBy.CONSOLE));

    private NodeOptions() {
    }

    private static String[] stageNames() {
        return Arrays.stream(NodeConfig.Stage.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
    }
}
