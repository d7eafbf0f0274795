package id.pantau.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

import static id.pantau.app.config.NodeOptions.*;

/**
 * What one Pantau process runs and where it keeps things: the file behind {@code ./pantau run --config node.yaml}
 * (documented in docs/node-config.md, options declared in {@link NodeOptions}). {@code ./pantau demo} builds the
 * embedded default instead: every stage in one process, in-process bus, local evidence folder, embedded H2.
 *
 * <p>Scale-out is by Kafka's own machinery: run several nodes with the same {@code bus.kafka} settings and
 * different {@code stages}/{@code cameras}; consumers of the same stage share a consumer group.
 *
 * <p>The accessors note their option as read ({@code ConfigReads}): a test fails when the node stops using one.
 */
public record NodeConfig(Http http, Path dataDir, Path cameras, List<Stage> stages, Bus bus,
                         Database database, Detector detector, Console console, Complaints complaints) {

    /** The stages a node can run; a node runs any subset that keeps frames and tracks on one machine. */
    public enum Stage {
        INGEST, PERCEPTION, ANALYTICS, EVIDENCE, ENFORCEMENT, CONSOLE
    }

    @Override
    public Path dataDir() {
        DATA_DIR.markRead();
        return dataDir;
    }

    @Override
    public Path cameras() {
        CAMERAS.markRead();
        return cameras;
    }

    @Override
    public List<Stage> stages() {
        STAGES.markRead();
        return stages;
    }


    public record Http(String host, Integer port) {
        @Override
        public String host() {
            HTTP_HOST.markRead();
            return host;
        }

        @Override
        public Integer port() {
            HTTP_PORT.markRead();
            return port;
        }
    }

    /** The console's camera map: its tile server, or none (a schematic). */
    public record Console(String mapTiles, String mapAttribution) {
        @Override
        public String mapTiles() {
            CONSOLE_MAP_TILES.markRead();
            return mapTiles;
        }

        @Override
        public String mapAttribution() {
            CONSOLE_MAP_ATTRIBUTION.markRead();
            return mapAttribution;
        }
    }

    /** {@code type: in-process} (default) or {@code type: kafka} with bootstrap servers. */
    public record Bus(String type, String bootstrapServers, Integer partitions, String clientId) {
        @Override
        public String type() {
            BUS_TYPE.markRead();
            return type;
        }

        @Override
        public String bootstrapServers() {
            BUS_BOOTSTRAP_SERVERS.markRead();
            return bootstrapServers;
        }

        @Override
        public Integer partitions() {
            BUS_PARTITIONS.markRead();
            return partitions;
        }

        @Override
        public String clientId() {
            BUS_CLIENT_ID.markRead();
            return clientId;
        }
    }

    /** How complaints meet the cameras: link distance (metres) and corroboration window (minutes). */
    public record Complaints(Integer linkDistanceM, Integer corroborationWindowMinutes) {
        @Override
        public Integer linkDistanceM() {
            COMPLAINTS_LINK_DISTANCE_M.markRead();
            return linkDistanceM;
        }

        @Override
        public Integer corroborationWindowMinutes() {
            COMPLAINTS_CORROBORATION_WINDOW_MINUTES.markRead();
            return corroborationWindowMinutes;
        }
    }

    /** JDBC URL; {@code jdbc:h2:file:...} embedded (default) or {@code jdbc:postgresql://...}. */
    public record Database(String url, String user, String password) {
        @Override
        public String url() {
            DATABASE_URL.markRead();
            return url;
        }

        @Override
        public String user() {
            DATABASE_USER.markRead();
            return user;
        }

        @Override
        public String password() {
            DATABASE_PASSWORD.markRead();
            return password;
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    public record Detector(String model, String provider, Integer intraOpThreads, Integer sessions,
                           Double scoreThreshold, Integer forceDetectEvery, Integer maxBatch, Integer batchWaitMs) {
        @Override
        public String model() {
            DETECTOR_MODEL.markRead();
            return model;
        }

        @Override
        public String provider() {
            DETECTOR_PROVIDER.markRead();
            return provider;
        }

        @Override
        public Integer intraOpThreads() {
            DETECTOR_INTRA_OP_THREADS.markRead();
            return intraOpThreads;
        }

        @Override
        public Integer sessions() {
            DETECTOR_SESSIONS.markRead();
            return sessions;
        }

        @Override
        public Double scoreThreshold() {
            DETECTOR_SCORE_THRESHOLD.markRead();
            return scoreThreshold;
        }

        @Override
        public Integer forceDetectEvery() {
            DETECTOR_FORCE_DETECT_EVERY.markRead();
            return forceDetectEvery;
        }

        @Override
        public Integer maxBatch() {
            DETECTOR_MAX_BATCH.markRead();
            return maxBatch;
        }

        @Override
        public Integer batchWaitMs() {
            DETECTOR_BATCH_WAIT_MS.markRead();
            return batchWaitMs;
        }
    }
}
