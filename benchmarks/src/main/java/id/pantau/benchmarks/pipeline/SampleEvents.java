package id.pantau.benchmarks.pipeline;

import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.PipelineEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A representative event for timing the JSON encoding when the footage produced none in the timed frames. */
public final class SampleEvents {
    private SampleEvents() {
    }

    public static PipelineEvent lineCrossing() {
        return new LineCrossing("bench-cam-middle-42-in", "bench-cam", 1,
                OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.ofHours(7)), 1234, "middle", 42, "car",
                CrossingDirection.IN, 31.5);
    }
}
