package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalChange;
import id.pantau.core.json.Json;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live view's metadata as Server-Sent Events, one stream for all the cameras a page shows (every event names
 * its camera), for the page to draw over the video: each camera's geometry once (zones, counting lines, stop lines, in frame pixels), the signal state of each approach, and the
 * tracks of every analysed frame keyed by the frame's capture time (epoch ms). The page draws the tracks of the
 * frame whose capture time matches the picture on screen ({@code media origin + currentTime}, see {@link
 * LiveVideo#ORIGIN_HEADER}). Like the event stream, a browser that cannot keep up misses updates; the pipeline
 * never waits for it.
 */
final class LiveOverlay implements AutoCloseable {
    private final Vertx vertx;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    /** The latest signal state per camera and approach, for a page that opens between changes. */
    private final Map<String, Map<String, String>> signals = new ConcurrentHashMap<>();
    private final Counter dropped;

    /** @param cameras the cameras this browser shows; null for all */
    private record Stream(HttpServerResponse response, Context context, Set<String> cameras) {
        boolean wants(String camera) {
            return cameras == null || cameras.contains(camera);
        }
    }

    LiveOverlay(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.dropped = Counter.builder("pantau.live.overlay.dropped")
                .description("overlay updates not sent to a browser whose stream was full").register(registry);
    }

    /**
     * Opens the stream for the given cameras (null: all): each camera's geometry and its known signal states first,
     * tracks as they come.
     *
     * @param geometries the configuration in force of each camera that has one
     */
    void open(HttpServerResponse response, Set<String> cameras, Map<String, CameraConfig> geometries) {
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .putHeader("x-accel-buffering", "no");
        Stream s = new Stream(response, vertx.getOrCreateContext(), cameras);
        response.write(": connected\n\n");
        geometries.forEach((camera, g) -> {
            if (s.wants(camera)) {
                response.write(sse("geometry", geometry(g).put("camera", camera)));
            }
        });
        signals.forEach((camera, states) -> {
            if (s.wants(camera)) {
                states.forEach((approach, state) -> response.write(sse("signal", signal(camera, approach, state, null))));
            }
        });
        streams.add(s);
        response.closeHandler(v -> streams.remove(s));
    }

    /** A tracked frame from the pipeline (its thread). */
    void tracked(TrackedFrame f) {
        if (streams.isEmpty()) {
            return;
        }
        String chunk = null;
        for (Stream s : streams) {
            if (s.wants(f.camera().value())) {
                if (chunk == null) {
                    chunk = sse("tracks", tracks(f));
                }
                write(s, chunk);
            }
        }
    }

    /** A pipeline event (the console's bus thread): signal changes update the overlay. */
    void event(PipelineEvent e) {
        if (!(e instanceof SignalChange c)) {
            return;
        }
        String state = c.state().name().toLowerCase(java.util.Locale.ROOT);
        signals.computeIfAbsent(c.camera(), k -> new ConcurrentHashMap<>()).put(c.approach(), state);
        String chunk = sse("signal", signal(c.camera(), c.approach(), state, c.time().toInstant().toEpochMilli()));
        for (Stream s : streams) {
            if (s.wants(c.camera())) {
                write(s, chunk);
            }
        }
    }

    private void write(Stream s, String chunk) {
        s.context().runOnContext(v -> {
            HttpServerResponse r = s.response();
            if (r.ended() || r.closed()) {
                streams.remove(s);
            } else if (r.writeQueueFull()) {
                dropped.increment();
            } else {
                r.write(chunk);
            }
        });
    }

    private static String sse(String type, JsonNode data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    static ObjectNode tracks(TrackedFrame f) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("camera", f.camera().value());
        o.put("time", f.captureTime().toEpochMilli());
        o.put("width", f.width());
        o.put("height", f.height());
        ArrayNode objects = o.putArray("objects");
        for (TrackedObject t : f.objects()) {
            ObjectNode j = objects.addObject();
            j.put("id", t.trackId());
            j.put("class", t.roadUser().label());
            j.putArray("box").add(round(t.box().x1())).add(round(t.box().y1())).add(round(t.box().x2()))
                    .add(round(t.box().y2()));
        }
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static ObjectNode signal(String camera, String approach, String state, Long time) {
        ObjectNode o = Json.mapper().createObjectNode().put("camera", camera).put("approach", approach)
                .put("state", state);
        if (time != null) {
            o.put("time", time);
        }
        return o;
    }

    /** Only what is drawn: frame size, zones, counting lines and stop lines (no calibration, no detector profile). */
    static ObjectNode geometry(CameraConfig c) {
        JsonNode all = Json.mapper().valueToTree(c);
        ObjectNode o = Json.mapper().createObjectNode();
        o.set("frame", all.path("frame"));
        ArrayNode zones = o.putArray("zones");
        all.path("zones").forEach(z -> zones.addObject().put("id", z.path("id").asText()).set("polygon", z.path("polygon")));
        ArrayNode lines = o.putArray("counting_lines");
        all.path("counting_lines").forEach(l -> {
            ObjectNode line = lines.addObject().put("id", l.path("id").asText());
            line.set("a", l.path("a"));
            line.set("b", l.path("b"));
        });
        ArrayNode stops = o.putArray("stop_lines");
        all.path("approaches").forEach(a -> {
            if (a.has("stop_line")) {
                ObjectNode stop = stops.addObject().put("approach", a.path("id").asText());
                stop.set("a", a.path("stop_line").path("a"));
                stop.set("b", a.path("stop_line").path("b"));
            }
        });
        return o;
    }

    @Override
    public void close() {
        for (Stream s : streams) {
            s.context().runOnContext(v -> {
                if (!s.response().ended()) {
                    s.response().end();
                }
            });
        }
        streams.clear();
    }
}
