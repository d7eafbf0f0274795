package id.pantau.ingest.config;

import id.pantau.core.camera.CameraId;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the ingest needs to run one camera. Built by {@link CameraListLoader} from a validated file,
 * by {@link DemoCameras}, or in code with {@link #builder(String, String)}.
 *
 * @param id            the camera's id (metric tag, Kafka key)
 * @param input         an {@code rtsp://}, {@code http://} URL or an absolute file path
 * @param kind          derived from {@code input}
 * @param transport     RTSP transport (ignored for other kinds)
 * @param analysisFps   frames per second handed to the analysis queue (the worker decodes every frame and samples)
 * @param pacing        file replay speed (ignored for live kinds)
 * @param loop          replay a file forever, to simulate a live camera
 * @param stallTimeout  no frame for this long = disconnect: close and reconnect; also FFmpeg's socket timeout
 * @param ringWindow    how far back the evidence ring buffer reaches
 * @param ringFps       frames per second kept in the ring buffer
 * @param ringMaxBytes  hard memory bound of the ring buffer (JPEG bytes); the oldest frames go first
 * @param jpegQuality   1..100, JPEG quality of the ring buffer copies
 * @param queueCapacity frames waiting for analysis before the oldest is dropped
 * @param skipNonReference whether the decoder skips frames no other frame refers to (see {@link DecodeSkip})
 * @param name          what people call the camera (the console, the logs); the id when not given
 * @param decodeThreads FFmpeg decoder threads, 0 = FFmpeg's automatic count
 * @param priority      the camera's share of the analysis under overload
 */
public record CameraSource(CameraId id, String input, SourceKind kind, Transport transport, double analysisFps,
                           Pacing pacing, boolean loop, Duration stallTimeout, Duration ringWindow, double ringFps,
                           long ringMaxBytes, int jpegQuality, int queueCapacity, DecodeSkip skipNonReference,
                           String name, int decodeThreads, AnalysisPriority priority) {

    // the defaults are declared once, in CameraListOptions (which the docs' table is generated from)
    public static final double DEFAULT_ANALYSIS_FPS = (Double) CameraListOptions.ANALYSIS_FPS.defaultValue();
    public static final Duration DEFAULT_STALL_TIMEOUT = seconds(CameraListOptions.STALL_TIMEOUT_S);
    public static final Duration DEFAULT_RING_WINDOW = seconds(CameraListOptions.RING_SECONDS);
    public static final long DEFAULT_RING_MAX_BYTES =
            Math.round((Double) CameraListOptions.RING_MAX_MB.defaultValue() * (1 << 20));
    public static final int DEFAULT_JPEG_QUALITY = (Integer) CameraListOptions.JPEG_QUALITY.defaultValue();
    public static final int DEFAULT_QUEUE_CAPACITY = (Integer) CameraListOptions.QUEUE_CAPACITY.defaultValue();
    public static final int DEFAULT_DECODE_THREADS = (Integer) CameraListOptions.DECODE_THREADS.defaultValue();
    /**
     * {@link DecodeSkip#AUTO} skips non-reference frames when neither the analysis nor the ring keeps more than this
     * many frames a second: a 25-30 fps camera sends at least a third of its frames as reference (I/P) frames, so
     * the sampler still finds a frame for every tick.
     */
    public static final double AUTO_SKIP_MAX_FPS = 10;

    public CameraSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(ringWindow, "ringWindow");
        Objects.requireNonNull(skipNonReference, "skipNonReference");
        Objects.requireNonNull(priority, "priority");
        name = name == null || name.isBlank() ? id.value() : name.strip();
        require(analysisFps > 0, "analysisFps must be > 0, got " + analysisFps);
        require(ringFps > 0, "ringFps must be > 0, got " + ringFps);
        require(!stallTimeout.isNegative() && !stallTimeout.isZero(), "stallTimeout must be > 0, got " + stallTimeout);
        require(!ringWindow.isNegative(), "ringWindow must be >= 0, got " + ringWindow);
        require(ringMaxBytes >= 0, "ringMaxBytes must be >= 0, got " + ringMaxBytes);
        require(jpegQuality >= 1 && jpegQuality <= 100, "jpegQuality must be 1..100, got " + jpegQuality);
        require(queueCapacity >= 1, "queueCapacity must be >= 1, got " + queueCapacity);
        require(decodeThreads >= 0, "decodeThreads must be >= 0, got " + decodeThreads);
    }

    private static Duration seconds(id.pantau.core.config.Option o) {
        return Duration.ofMillis(Math.round((Double) o.defaultValue() * 1000));
    }

    // The accessors note their option as read (ConfigReads): a test fails when the ingest stops reading one.

    @Override
    public CameraId id() {
        CameraListOptions.ID.markRead();
        return id;
    }

    @Override
    public String name() {
        CameraListOptions.NAME.markRead();
        return name;
    }

    @Override
    public String input() {
        (kind == SourceKind.FILE ? CameraListOptions.FILE : CameraListOptions.URL).markRead();
        return input;
    }

    @Override
    public Transport transport() {
        CameraListOptions.TRANSPORT.markRead();
        return transport;
    }

    @Override
    public double analysisFps() {
        CameraListOptions.ANALYSIS_FPS.markRead();
        return analysisFps;
    }

    @Override
    public Pacing pacing() {
        CameraListOptions.MODE.markRead();
        return pacing;
    }

    @Override
    public boolean loop() {
        CameraListOptions.LOOP.markRead();
        return loop;
    }

    @Override
    public Duration stallTimeout() {
        CameraListOptions.STALL_TIMEOUT_S.markRead();
        return stallTimeout;
    }

    @Override
    public Duration ringWindow() {
        CameraListOptions.RING_SECONDS.markRead();
        return ringWindow;
    }

    @Override
    public double ringFps() {
        CameraListOptions.RING_FPS.markRead();
        return ringFps;
    }

    @Override
    public long ringMaxBytes() {
        CameraListOptions.RING_MAX_MB.markRead();
        return ringMaxBytes;
    }

    @Override
    public int jpegQuality() {
        CameraListOptions.JPEG_QUALITY.markRead();
        return jpegQuality;
    }

    @Override
    public int queueCapacity() {
        CameraListOptions.QUEUE_CAPACITY.markRead();
        return queueCapacity;
    }

    @Override
    public DecodeSkip skipNonReference() {
        CameraListOptions.SKIP_NONREF_FRAMES.markRead();
        return skipNonReference;
    }

    @Override
    public int decodeThreads() {
        CameraListOptions.DECODE_THREADS.markRead();
        return decodeThreads;
    }

    @Override
    public AnalysisPriority priority() {
        CameraListOptions.PRIORITY.markRead();
        return priority;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Whether the decoder drops H.264/H.265 frames nothing refers to (B-frames, usually): they are never needed when
     * only a few frames a second are analysed, and skipping them saves a quarter to a half of the decode time on
     * streams that have them. Streams without B-frames (most CCTV) are unaffected.
     */
    public boolean skipsNonReferenceFrames() {
        return switch (skipNonReference()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> Math.max(analysisFps, ringFps) <= AUTO_SKIP_MAX_FPS;
        };
    }

    public static Builder builder(String id, String input) {
        return new Builder(CameraId.of(id), input);
    }

    public Builder toBuilder() {
        return new Builder(id, input).transport(transport).analysisFps(analysisFps).pacing(pacing).loop(loop)
                .stallTimeout(stallTimeout).ringWindow(ringWindow).ringFps(ringFps).ringMaxBytes(ringMaxBytes)
                .jpegQuality(jpegQuality).queueCapacity(queueCapacity).skipNonReference(skipNonReference).name(name)
                .decodeThreads(decodeThreads).priority(priority);
    }

    /** Defaults: TCP, 5 fps analysis, realtime, no loop, 5 s stall timeout, 10 s / 32 MiB ring at the analysis rate. */
    public static final class Builder {
        private final CameraId id;
        private final String input;
        private Transport transport = Transport.TCP;
        private double analysisFps = DEFAULT_ANALYSIS_FPS;
        private Pacing pacing = Pacing.REALTIME;
        private boolean loop;
        private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
        private Duration ringWindow = DEFAULT_RING_WINDOW;
        private Double ringFps;
        private long ringMaxBytes = DEFAULT_RING_MAX_BYTES;
        private int jpegQuality = DEFAULT_JPEG_QUALITY;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private DecodeSkip skipNonReference = DecodeSkip.AUTO;
        private String name;
        private int decodeThreads = DEFAULT_DECODE_THREADS;
        private AnalysisPriority priority = AnalysisPriority.COUNTING;

        private Builder(CameraId id, String input) {
            this.id = id;
            this.input = input;
        }

        public Builder transport(Transport v) { transport = v; return this; }
        public Builder analysisFps(double v) { analysisFps = v; return this; }
        public Builder pacing(Pacing v) { pacing = v; return this; }
        public Builder loop(boolean v) { loop = v; return this; }
        public Builder stallTimeout(Duration v) { stallTimeout = v; return this; }
        public Builder ringWindow(Duration v) { ringWindow = v; return this; }
        /** Frames per second kept for evidence; defaults to the analysis rate. */
        public Builder ringFps(double v) { ringFps = v; return this; }
        public Builder ringMaxBytes(long v) { ringMaxBytes = v; return this; }
        public Builder jpegQuality(int v) { jpegQuality = v; return this; }
        public Builder queueCapacity(int v) { queueCapacity = v; return this; }
        public Builder skipNonReference(DecodeSkip v) { skipNonReference = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder decodeThreads(int v) { decodeThreads = v; return this; }
        public Builder priority(AnalysisPriority v) { priority = v; return this; }

        public CameraSource build() {
            return new CameraSource(id, input, SourceKind.of(input), transport, analysisFps, pacing, loop,
                    stallTimeout, ringWindow, ringFps == null ? analysisFps : ringFps, ringMaxBytes, jpegQuality,
                    queueCapacity, skipNonReference, name, decodeThreads, priority);
        }
    }
}
