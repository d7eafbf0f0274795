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
            return String.format("%s fell from %.3f to %.3f (more than %.0f%%)", field, baseline, current, tolerance * 100);
        }
    }

    public static List<Regression> check(Path baselineFile, BenchReport current) throws IOException {
        JsonNode baseline = Json.mapper().readTree(baselineFile.toFile());
        JsonNode now = Json.mapper().valueToTree(current);
        double tolerance = baseline.path("tolerance").asDouble(0.15);
        List<Regression> regressions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.path("ratios").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = now.get(e.getKey());
            if (value == null || !value.isNumber()) {
                throw new IllegalArgumentException("baseline field '" + e.getKey() + "' is not in the bench report");
            }
            double base = e.getValue().asDouble();
            if (value.asDouble() < base * (1 - tolerance)) {
                regressions.add(new Regression(e.getKey(), base, value.asDouble(), tolerance));
            }
        }
        return regressions;
    }
}
