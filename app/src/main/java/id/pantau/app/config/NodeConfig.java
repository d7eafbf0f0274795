package id.pantau.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/**
 * What one Pantau process runs and where it keeps things: the file behind {@code ./pantau run --config node.yaml}
 * (documented in docs/node-config.md). {@code ./pantau demo} builds the embedded default instead: every stage in
 * one process, in-process bus, local evidence folder, embedded H2.
 *
 * <p>Scale-out is by Kafka's own machinery: run several nodes with the same {@code bus.kafka} settings and
 * different {@code stages}/{@code cameras}; consumers of the same stage share a consumer group.
 */
public record NodeConfig(
        @JsonProperty("http") Http http,
        @JsonProperty("data_dir") Path dataDir,
        @JsonProperty("cameras") Path cameras,
        @JsonProperty("stages") List<Stage> stages,
        @JsonProperty("bus") Bus bus,
        @JsonProperty("evidence") JsonNode evidence,
        @JsonProperty("database") Database database,
        @JsonProperty("detector") Detector detector) {

    /** The stages a node can run; a node runs any subset. */
    public enum Stage {
        @JsonProperty("ingest") INGEST,
        @JsonProperty("perception") PERCEPTION,
        @JsonProperty("analytics") ANALYTICS,
        @JsonProperty("evidence") EVIDENCE,
        @JsonProperty("enforcement") ENFORCEMENT,
        @JsonProperty("console") CONSOLE
    }

    public record Http(@JsonProperty("host") String host, @JsonProperty("port") Integer port) {
    }

    /** {@code type: in-process} (default) or {@code type: kafka} with bootstrap servers. */
    public record Bus(@JsonProperty("type") String type,
                      @JsonProperty("bootstrap_servers") String bootstrapServers,
                      @JsonProperty("partitions") Integer partitions,
                      @JsonProperty("client_id") String clientId) {
    }

    /** JDBC URL; {@code jdbc:h2:file:...} embedded (default) or {@code jdbc:postgresql://...}. */
    public record Database(@JsonProperty("url") String url, @JsonProperty("user") String user,
                           @JsonProperty("password") String password) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    public record Detector(@JsonProperty("model") String model,
                           @JsonProperty("provider") String provider,
                           @JsonProperty("intra_op_threads") Integer intraOpThreads,
                           @JsonProperty("sessions") Integer sessions,
                           @JsonProperty("score_threshold") Double scoreThreshold,
                           @JsonProperty("force_detect_every") Integer forceDetectEvery,
                           @JsonProperty("max_batch") Integer maxBatch,
                           @JsonProperty("batch_wait_ms") Integer batchWaitMs) {
    }
}
