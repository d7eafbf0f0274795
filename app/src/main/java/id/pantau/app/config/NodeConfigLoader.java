package id.pantau.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import id.pantau.core.json.Json;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.config.InvalidEvidenceConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a node configuration (YAML or JSON), fills defaults relative to the data directory, and checks all of it
 * at once, so a typo stops the start with the field named instead of surfacing later as a dead stage.
 */
public final class NodeConfigLoader {
    /** The evidence section is written in snake_case like the rest of the file. */
    private static final ObjectMapper EVIDENCE = Json.yaml().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private NodeConfigLoader() {
    }

    /** A config that has been checked, with the evidence section parsed. */
    public record Loaded(NodeConfig node, EvidenceStoreConfig evidence) {
    }

    public static Loaded load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NodeConfigException(file.toString(), List.of("file not found: " + file.toAbsolutePath()));
        }
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".json") ? Json.mapper() : Json.yaml();
            NodeConfig raw = mapper.readValue(Files.readString(file), NodeConfig.class);
            Path base = file.toAbsolutePath().getParent();
            return check(file.toString(), raw, base);
        } catch (UnrecognizedPropertyException e) {
            throw new NodeConfigException(file.toString(), List.of(path(e) + ": unknown field; known fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))));
        } catch (MismatchedInputException e) {
            throw new NodeConfigException(file.toString(), List.of(path(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new NodeConfigException(file.toString(), List.of("not valid YAML/JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new NodeConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** The embedded single-node default: every stage, in-process bus, local evidence, H2 under the data dir. */
    public static Loaded embedded(Path dataDir, Path cameras, String host, int port) {
        NodeConfig raw = new NodeConfig(new NodeConfig.Http(host, port), dataDir, cameras, null, null, null, null, null);
        return check("embedded defaults", raw, Path.of("").toAbsolutePath());
    }

    static Loaded check(String source, NodeConfig raw, Path base) {
        List<String> problems = new ArrayList<>();
        Path dataDir = base.resolve(raw.dataDir() == null ? Path.of("var") : raw.dataDir()).normalize();

        NodeConfig.Http http = raw.http() == null ? new NodeConfig.Http(null, null) : raw.http();
        http = new NodeConfig.Http(http.host() == null ? "127.0.0.1" : http.host(), http.port() == null ? 8080 : http.port());
        if (http.port() < 0 || http.port() > 65535) {
            problems.add("http.port: must be 0..65535, got " + http.port());
        }

        Path cameras = raw.cameras() == null ? null : base.resolve(raw.cameras()).normalize();
        if (cameras != null && !Files.isRegularFile(cameras)) {
            problems.add("cameras: file not found: " + cameras);
        }

        List<NodeConfig.Stage> stages = raw.stages() == null || raw.stages().isEmpty()
                ? List.copyOf(EnumSet.allOf(NodeConfig.Stage.class)) : List.copyOf(raw.stages());

        // frames do not cross machines: perception needs ingest on the same node, analytics needs perception
        if (stages.contains(NodeConfig.Stage.PERCEPTION) && !stages.contains(NodeConfig.Stage.INGEST)) {
            problems.add("stages: perception needs ingest on the same node (frames are not sent over the bus)");
        }
        if (stages.contains(NodeConfig.Stage.ANALYTICS) && !stages.contains(NodeConfig.Stage.PERCEPTION)) {
            problems.add("stages: analytics needs perception on the same node (tracks are not sent over the bus)");
        }
        if (stages.contains(NodeConfig.Stage.EVIDENCE) && !stages.contains(NodeConfig.Stage.ANALYTICS)) {
            problems.add("stages: evidence needs analytics on the same node (clips come from the cameras' frame rings)");
        }
        if (stages.contains(NodeConfig.Stage.CONSOLE) && !stages.contains(NodeConfig.Stage.ENFORCEMENT)) {
            problems.add("stages: console needs enforcement on the same node (users and sign-in live there)");
        }
        NodeConfig.Bus bus = raw.bus() == null ? new NodeConfig.Bus(null, null, null, null) : raw.bus();
        String busType = bus.type() == null ? "in-process" : bus.type().toLowerCase(Locale.ROOT);
        bus = new NodeConfig.Bus(busType, bus.bootstrapServers(), bus.partitions() == null ? 6 : bus.partitions(),
                bus.clientId() == null ? "pantau" : bus.clientId());
        switch (busType) {
            case "in-process" -> {
                if (bus.bootstrapServers() != null) {
                    problems.add("bus.bootstrap_servers: only used with bus.type: kafka");
                }
            }
            case "kafka" -> {
                if (bus.bootstrapServers() == null || bus.bootstrapServers().isBlank()) {
                    problems.add("bus.bootstrap_servers: required with bus.type: kafka (e.g. kafka-1:9092,kafka-2:9092)");
                }
            }
            default -> problems.add("bus.type: must be in-process or kafka, got '" + bus.type() + "'");
        }
        if (bus.partitions() < 1) {
            problems.add("bus.partitions: must be >= 1, got " + bus.partitions());
        }

        NodeConfig.Database db = raw.database() == null ? new NodeConfig.Database(null, null, null) : raw.database();
        String url = db.url() == null
                ? EnforcementConfig.h2FileUrl(dataDir.resolve("enforcement"))
                : db.url();
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            problems.add("database.url: must be a jdbc:h2: or jdbc:postgresql: URL, got '" + url + "'");
        }
        db = new NodeConfig.Database(url, db.user() == null ? (url.startsWith("jdbc:h2:") ? "pantau" : null) : db.user(),
                db.password() == null ? "" : db.password());

        NodeConfig.Detector det = raw.detector() == null ? new NodeConfig.Detector(null, null, null, null, null, null, null, null) : raw.detector();
        det = new NodeConfig.Detector(det.model() == null ? "yolox_nano" : det.model(),
                det.provider() == null ? "cpu" : det.provider().toLowerCase(Locale.ROOT),
                det.intraOpThreads() == null ? 1 : det.intraOpThreads(),
                det.sessions() == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : det.sessions(),
                det.scoreThreshold() == null ? 0.3 : det.scoreThreshold(),
                det.forceDetectEvery() == null ? 10 : det.forceDetectEvery(),
                // batching pays on a GPU; on CPU cores a batch of 4 ran slower per frame than one by one
                // (benchmarks/README.md, BatchedDetectionBenchmark), so CPU nodes batch only when told to
                det.maxBatch() != null ? det.maxBatch()
                        : "cuda".equalsIgnoreCase(det.provider()) ? DetectorSettings.DEFAULT_MAX_BATCH : 1,
                det.batchWaitMs() == null ? 5 : det.batchWaitMs());
        if (!det.provider().equals("cpu") && !det.provider().equals("cuda")) {
            problems.add("detector.provider: must be cpu or cuda, got '" + det.provider() + "'");
        }
        if (det.intraOpThreads() < 1) {
            problems.add("detector.intra_op_threads: must be >= 1, got " + det.intraOpThreads());
        }
        if (det.sessions() < 1) {
            problems.add("detector.sessions: must be >= 1, got " + det.sessions());
        }
        if (det.scoreThreshold() <= 0 || det.scoreThreshold() >= 1) {
            problems.add("detector.score_threshold: must be in (0, 1), got " + det.scoreThreshold());
        }
        if (det.forceDetectEvery() < 1) {
            problems.add("detector.force_detect_every: must be >= 1, got " + det.forceDetectEvery());
        }
        if (det.maxBatch() < 1) {
            problems.add("detector.max_batch: must be >= 1, got " + det.maxBatch());
        }
        if (det.batchWaitMs() < 0 || det.batchWaitMs() > 1000) {
            problems.add("detector.batch_wait_ms: must be 0..1000, got " + det.batchWaitMs());
        }

        EvidenceStoreConfig evidence = null;
        JsonNode ev = raw.evidence();
        try {
            evidence = ev == null || ev.isNull()
                    ? EvidenceStoreConfig.local(dataDir.resolve("evidence"), dataDir.resolve("spool/evidence"),
                    dataDir.resolve("keys/evidence-ed25519.pem"), dataDir.resolve("keys/evidence-ed25519.pub.pem"))
                    : EVIDENCE.treeToValue(ev, EvidenceStoreConfig.class);
        } catch (JsonProcessingException e) {
            problems.add("evidence: " + e.getOriginalMessage());
        }
        // the embedded default creates its signing keys at first start; an explicit section must be complete
        if (evidence != null && ev != null && !ev.isNull() && stages.contains(NodeConfig.Stage.EVIDENCE)) {
            try {
                evidence.requireValidForVerification();
            } catch (InvalidEvidenceConfigException e) {
                e.problems().forEach(p -> problems.add("evidence." + snakeCaseFieldName(p)));
            }
        }
        if (!problems.isEmpty()) {
            throw new NodeConfigException(source, problems);
        }
        return new Loaded(new NodeConfig(http, dataDir, cameras, stages, bus, ev, db, det), evidence);
    }

    /** "signingPublicKey: ..." -> "signing_public_key: ...", to match how the node file spells it. */
    private static String snakeCaseFieldName(String problem) {
        int colon = problem.indexOf(':');
        if (colon < 0) {
            return problem;
        }
        return problem.substring(0, colon).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                + problem.substring(colon);
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
