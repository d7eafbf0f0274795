package id.pantau.ingest.probe;

import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.source.FailureReasons;
import id.pantau.ingest.source.SourceFailure;
import id.pantau.ingest.source.SourceOpener;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The logic of {@code ./pantau ingest --input URL|FILE --frames N}: open a source the way a camera worker does,
 * decode N frames as fast as they come, and report the stream's facts and the decode rate.
 */
public final class StreamProbe {

    /** @param transport RTSP transport; @param timeout socket timeout for live sources */
    public record Options(Transport transport, Duration timeout) {
        public static final Options DEFAULT = new Options(Transport.TCP, Duration.ofSeconds(5));
    }

    private StreamProbe() {
    }

    /**
     * @param input  an rtsp:// or http:// URL or a file path
     * @param frames how many frames to decode (>= 1)
     * @throws SourceFailure with an operator-facing reason when the source cannot be opened or read
     */
    public static ProbeReport probe(String input, int frames, Options options) throws SourceFailure {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be >= 1, got " + frames);
        }
        SourceKind kind = SourceKind.of(input);
        String resolved = kind == SourceKind.FILE ? Path.of(input).toAbsolutePath().normalize().toString() : input;
        long t0 = System.nanoTime();
        try (SourceOpener.Opened opened = SourceOpener.open(resolved, kind, options.transport(), options.timeout())) {
            long t1 = System.nanoTime();
            int n = 0;
            long first = -1;
            long last = -1;
            while (n < frames) {
                Frame f;
                try {
                    f = opened.grabber().grabImage();
                } catch (FrameGrabber.Exception e) {
                    throw new SourceFailure(FailureReasons.readFailed(e) + " after " + n + " frames", e);
                }
                if (f == null) {
                    break;
                }
                if (n == 0) {
                    first = f.timestamp;
                }
                last = f.timestamp;
                n++;
            }
            long t2 = System.nanoTime();
            if (n == 0) {
                throw new SourceFailure("no decodable frame in " + FailureReasons.redact(resolved));
            }
            return new ProbeReport(FailureReasons.redact(resolved), opened.facts(), Duration.ofNanos(t1 - t0), n,
                    Duration.ofNanos(t2 - t1), first, last);
        }
    }
}
