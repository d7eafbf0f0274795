package id.pantau.app.config;

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
    public static final Option EVIDENCE = DEF.define(Option.of("evidence", OptionType.SECTION)
            .defaultDoc("local: `<data_dir>/evidence`, keys created in `<data_dir>/keys`")
            .doc("evidence store, keys in snake_case (storage/README.md)").readBy(ReadBy.EVIDENCE));

    private NodeOptions() {
    }

    private static String[] stageNames() {
        return Arrays.stream(NodeConfig.Stage.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
    }
}
