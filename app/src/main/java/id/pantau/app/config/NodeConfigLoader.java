package id.pantau.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.config.Config;
import id.pantau.core.config.ConfigReads;
import id.pantau.core.json.Json;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.config.InvalidEvidenceConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static id.pantau.app.config.NodeOptions.*;

/**
 * Reads a node configuration (YAML or JSON) against its declaration ({@link NodeOptions}): defaults filled,
 * relative paths resolved against the file's folder, and all of it checked at once, so a typo stops the start
 * with the field named instead of surfacing later as a dead stage. The rules here are the ones that join options
 * (which stages need which, kafka needs brokers).
 */
public final class NodeConfigLoader {
    private NodeConfigLoader() {
    }

    /** A config that has been checked, with the evidence section parsed. */
    public record Loaded(NodeConfig node, EvidenceStoreConfig evidence) {
        @Override
        public EvidenceStoreConfig evidence() {
            EvidenceOptions.markRead();
            return evidence;
        }
    }

    public static Loaded load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NodeConfigException(file.toString(), List.of("file not found: " + file.toAbsolutePath()));
        }
        JsonNode tree;
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".json") ? Json.mapper() : Json.yaml();
            tree = mapper.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new NodeConfigException(file.toString(), List.of("not valid YAML/JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new NodeConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return check(file.toString(), tree, file.toAbsolutePath().getParent());
    }

    /** The embedded single-node default: every stage, in-process bus, local evidence, H2 under the data dir. */
    public static Loaded embedded(Path dataDir, Path cameras, String host, int port) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("http").put("host", host).put("port", port);
        if (dataDir != null) {
            tree.put("data_dir", dataDir.toString());
        }
        if (cameras != null) {
            tree.put("cameras", cameras.toString());
        }
        return check("embedded defaults", tree, Path.of("").toAbsolutePath());
    }

    static Loaded check(String source, JsonNode tree, Path base) {
        Config c = DEF.parse(tree, "", base);
        List<String> problems = new ArrayList<>(c.errors());

        Path cameras = c.path(CAMERAS);
        if (cameras != null && !Files.isRegularFile(cameras)) {
            problems.add("cameras: file not found: " + cameras);
        }
        List<NodeConfig.Stage> stages = stages(c);
        requireStagesTogether(stages, problems);

        String busType = c.string(BUS_TYPE);
        String brokers = c.string(BUS_BOOTSTRAP_SERVERS);
        if ("in-process".equals(busType) && brokers != null) {
            problems.add("bus.bootstrap_servers: only used with bus.type: kafka");
        }
        if ("kafka".equals(busType) && (brokers == null || brokers.isBlank())) {
            problems.add("bus.bootstrap_servers: required with bus.type: kafka (e.g. kafka-1:9092,kafka-2:9092)");
        }

        Path dataDir = c.path(DATA_DIR);
        if (dataDir == null) {
            throw new NodeConfigException(source, problems);   // data_dir is wrong, and reported
        }
        EvidenceStoreConfig evidence = c.ok() ? ConfigReads.quietly(() -> EvidenceOptions.build(c)) : null;
        // the default folder store creates its signing keys at first start; a given section must be complete
        if (evidence != null && EvidenceOptions.given(c) && stages.contains(NodeConfig.Stage.EVIDENCE)) {
            try {
                evidence.requireValidForVerification();
            } catch (InvalidEvidenceConfigException e) {
                e.problems().forEach(p -> problems.add("evidence." + snakeCaseFieldName(p)));
            }
        }
        if (!problems.isEmpty()) {
            throw new NodeConfigException(source, problems);
        }
        NodeConfig node = new NodeConfig(
                new NodeConfig.Http(c.string(HTTP_HOST), c.intValue(HTTP_PORT)), dataDir, cameras, stages,
                new NodeConfig.Bus(busType, brokers, c.intValue(BUS_PARTITIONS), c.string(BUS_CLIENT_ID)),
                new NodeConfig.Database(c.string(DATABASE_URL), c.string(DATABASE_USER), c.string(DATABASE_PASSWORD)),
                new NodeConfig.Detector(c.string(DETECTOR_MODEL), c.string(DETECTOR_PROVIDER),
                        c.intValue(DETECTOR_INTRA_OP_THREADS), c.intValue(DETECTOR_SESSIONS),
                        c.doubleValue(DETECTOR_SCORE_THRESHOLD), c.intValue(DETECTOR_FORCE_DETECT_EVERY),
                        c.intValue(DETECTOR_MAX_BATCH), c.intValue(DETECTOR_BATCH_WAIT_MS)),
                new NodeConfig.Console(c.string(CONSOLE_MAP_TILES), c.string(CONSOLE_MAP_ATTRIBUTION)),
                new NodeConfig.Complaints(c.intValue(COMPLAINTS_LINK_DISTANCE_M),
                        c.intValue(COMPLAINTS_CORROBORATION_WINDOW_MINUTES)));
        return new Loaded(node, evidence);
    }

    @SuppressWarnings("unchecked")
    private static List<String> allStages() {
        return (List<String>) STAGES.defaultValue();
    }

    private static List<NodeConfig.Stage> stages(Config c) {
        List<String> names = c.list(STAGES);
        if (names == null || names.isEmpty()) {   // absent, empty or wrong (and reported): all
            names = allStages();
        }
        return names.stream().map(n -> NodeConfig.Stage.valueOf(n.toUpperCase(Locale.ROOT))).distinct().toList();
    }

    /**
     * Frames and tracks do not cross machines: perception needs ingest on the same node, analytics needs
     * perception, evidence needs analytics (clips come from the frame rings). Perception without analytics is
     * legal: it detects and tracks (its metrics, {@code pantau_detect_*}, {@code pantau_track_active}) and
     * publishes no events.
     */
    private static void requireStagesTogether(List<NodeConfig.Stage> stages, List<String> problems) {
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
}
