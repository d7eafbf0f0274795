package id.pantau.enforcement.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry's meters as JSON (name, tags, measurements), for the standalone service's /metrics. */
public final class MetricsJson {
    private MetricsJson() {
    }

    public static byte[] render(MeterRegistry registry) {
        List<Map<String, Object>> meters = new ArrayList<>();
        for (Meter m : registry.getMeters()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.getId().getName());
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag t : m.getId().getTags()) {
                tags.put(t.getKey(), t.getValue());
            }
            o.put("tags", tags);
            Map<String, Double> values = new LinkedHashMap<>();
            for (Measurement x : m.measure()) {
                double v = x.getValue();
                values.put(x.getStatistic().getTagValueRepresentation(), Double.isFinite(v) ? v : null);
            }
            o.put("values", values);
            meters.add(o);
        }
        try {
            return Json.mapper().writeValueAsBytes(Map.of("meters", meters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
