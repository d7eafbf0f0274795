package id.pantau.ingest.probe;

import id.pantau.ingest.source.StreamFacts;

import java.time.Duration;

/**
 * What {@link StreamProbe} found: the stream's facts and how fast it decoded.
 *
 * @param openTime   time to open the source (connect + FFmpeg's stream probing)
 * @param frames     frames decoded (may be fewer than asked if the stream ended)
 * @param decodeTime time spent decoding those frames (to BGR24), after the open
 */
public record ProbeReport(String input, StreamFacts facts, Duration openTime, int frames, Duration decodeTime,
                          long firstTimestampMicros, long lastTimestampMicros) {

    /** Frames per second of decoding (to BGR24); for a live source this is bounded by the camera's rate. */
    public double decodeFps() {
        double s = decodeTime.toNanos() / 1e9;
        return s > 0 ? frames / s : 0;
    }

    @Override
    public String toString() {
        String duration = facts.duration().map(d -> String.format("%.2f s", d.toNanos() / 1e9)).orElse("unknown (live)");
        return String.join("\n",
                "input:        " + input,
                "format:       " + facts.format(),
                "codec:        " + facts.codec(),
                "size:         " + facts.width() + "x" + facts.height(),
                String.format("fps:          %.3f", facts.fps()),
                "pixel format: " + facts.pixelFormat() + " (delivered as bgr24)",
                "duration:     " + duration,
                String.format("open:         %.0f ms", openTime.toNanos() / 1e6),
                String.format("decoded:      %d frames in %.2f s = %.1f fps (timestamps %.3f .. %.3f s)", frames,
                        decodeTime.toNanos() / 1e9, decodeFps(), firstTimestampMicros / 1e6,
                        lastTimestampMicros / 1e6));
    }
}
