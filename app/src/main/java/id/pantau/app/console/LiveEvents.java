package id.pantau.app.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.event.PipelineEvent;
import id.pantau.enforcement.auth.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams pipeline events to browsers as Server-Sent Events. One backend subscription feeds every open stream;
 * each stream gets the event as its user's role may see it ({@link EventRedaction}). A browser that cannot keep
 * up (its write queue is full) misses events rather than slowing the pipeline: the console is a live view, the
 * bus and the stores keep the record. Drops are counted.
 */
final class LiveEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    /** Comment lines keep proxies and the browser from closing an idle stream. */
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final Counter dropped;
    private final Counter sent;
    private final long heartbeatTimer;

    private record Stream(HttpServerResponse response, Context context, Role role, String user) {
    }

    LiveEvents(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.dropped = Counter.builder("pantau.console.events.dropped")
                .description("events not sent to a browser whose stream was full").register(registry);
        this.sent = Counter.builder("pantau.console.events.sent").description("events written to browser streams")
                .register(registry);
        Gauge.builder("pantau.console.streams", streams, Set::size).description("open event streams")
                .register(registry);
        this.heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MS, id -> streams.forEach(s -> write(s, ": keep-alive\n\n")));
    }

    /** Turns the response into an event stream for the user until the browser goes away. */
    void open(HttpServerResponse response, Role role, String user) {
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .putHeader("x-accel-buffering", "no");
        Stream s = new Stream(response, vertx.getOrCreateContext(), role, user);
        streams.add(s);
        response.closeHandler(v -> {
            streams.remove(s);
            log.info("event stream of {} ({}) closed", user, role.wire());
        });
        // the first bytes flush the headers, so the browser knows the stream is open before any event arrives
        response.write(": connected\n\n");
        log.info("event stream opened for {} ({})", user, role.wire());
    }

    /** Called on the backend's thread for every pipeline event. */
    void publish(PipelineEvent event) {
        if (streams.isEmpty()) {
            return;
        }
        ObjectNode full = EventRedaction.encode(event);
        for (Stream s : streams) {
            ObjectNode view = EventRedaction.view(full, event, s.role());
            write(s, "event: " + event.type() + "\nid: " + event.eventId().replace('\n', ' ') + "\ndata: " + view + "\n\n");
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
                if (!chunk.startsWith(":")) {
                    sent.increment();
                }
            }
        });
    }

    int openStreams() {
        return streams.size();
    }

    @Override
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
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
