package id.pantau.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Guards the ratios of the last accepted run ({@code benchmarks/baseline.json}). Ratios, not absolute times:
 * the reference is measured in the same run on the same machine, so a noisy or slower machine moves both.
 */
public final class BaselineGuard {
    private BaselineGuard() {
    }

    /** One guarded figure that fell by more than the tolerance. */
    public record Regression(String field, double baseline, double current, double tolerance) {
        @Override
        public String toString() {
            return String.format("%s %s from %.3f to %.3f (more than %.0f%%)", field,
                    LOWER_IS_BETTER.contains(field) ? "rose" : "fell", baseline, current, tolerance * 100);
        }
    }

    /**
     * The guarded ratios, by their report field names (a dot steps into an object). The same-work decode ratio is
     * guarded beside the headline one: when ingest skips non-reference frames the headline ratio compares against
     * FFmpeg decoding every frame, so a slower ingest could hide behind the skipping; against FFmpeg skipping the
     * same frames it cannot.
     */
    public static final List<String> GUARDED = List.of("decode_ratio_vs_ffmpeg", "decode_same_work.decode_ratio",
            "inference_ratio_vs_bare_ort", "capacity.held_vs_limit", "capacity.overload_min_rate_vs_held",
            "capacity.overload_min_camera_share", "capacity.held_memory_per_camera_mib");
    /**
     * Guarded figures where less is better (memory per camera): they fail when they rose by more than the tolerance.
     * The slope is a difference of two RSS figures measured in the same process moments apart, so machine load
     * moves it far less than absolute RSS.
     */
    public static final java.util.Set<String> LOWER_IS_BETTER = java.util.Set.of("capacity.held_memory_per_camera_mib");
    public static final double DEFAULT_TOLERANCE = 0.15;

    /**
     * Accepts a run: writes its guarded ratios, the tolerance and where they were measured to {@code baselineFile}.
     */
    public static void accept(Path baselineFile, BenchReport accepted, double tolerance) throws IOException {
        JsonNode now = Json.mapper().valueToTree(accepted);
        var root = Json.mapper().createObjectNode();
        root.put("tolerance", tolerance);
        var ratios = root.putObject("ratios");
        for (String f : GUARDED) {
            JsonNode value = field(now, f);
            if (value.isNumber() && !Double.isNaN(value.asDouble())) { // older reports lack some
                ratios.put(f, Math.round(value.asDouble() * 1000) / 1000.0);
            }
        }
        var from = root.putObject("accepted_run");
        from.put("date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        from.set("machine", now.get("machine"));
        from.set("settings", now.get("settings"));
        java.nio.file.Files.createDirectories(baselineFile.toAbsolutePath().getParent());
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(baselineFile.toFile(), root);
    }

    /** The report's value at a dotted field name; a missing node when absent. */
    private static JsonNode field(JsonNode report, String dotted) {
        JsonNode node = report;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    public static List<Regression> check(Path baselineFile, BenchReport current) throws IOException {
        JsonNode baseline = Json.mapper().readTree(baselineFile.toFile());
        JsonNode now = Json.mapper().valueToTree(current);
        double tolerance = baseline.path("tolerance").asDouble(DEFAULT_TOLERANCE);
        List<Regression> regressions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.path("ratios").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = field(now, e.getKey());
            if (!value.isNumber()) {
                throw new IllegalArgumentException("baseline field '" + e.getKey() + "' is not in the bench report");
            }
            double base = e.getValue().asDouble();
            boolean worse = LOWER_IS_BETTER.contains(e.getKey()) ? value.asDouble() > base * (1 + tolerance)
                    : value.asDouble() < base * (1 - tolerance);
            if (worse || Double.isNaN(value.asDouble())) {
                regressions.add(new Regression(e.getKey(), base, value.asDouble(), tolerance));
            }
        }
        return regressions;
    }
}
