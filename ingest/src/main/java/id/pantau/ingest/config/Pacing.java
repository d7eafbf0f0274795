package id.pantau.ingest.config;

/** How a file camera is replayed. Live sources are always read as they arrive. */
public enum Pacing {
    /** At the file's own frame rate, as if a live camera were sending it. */
    REALTIME,
    /** As fast as decoding allows, for batch analysis of recordings. */
    FAST
}
