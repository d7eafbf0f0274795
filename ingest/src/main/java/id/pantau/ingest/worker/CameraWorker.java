package id.pantau.ingest.worker;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.GreyPlane;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.decode.BgrConverter;
import id.pantau.ingest.decode.FrameBuffers;
import id.pantau.ingest.decode.LumaScaler;
import id.pantau.ingest.decode.PacketDecoder;
import id.pantau.ingest.queue.FrameQueue;
import id.pantau.ingest.ring.FrameRing;
import id.pantau.ingest.ring.RingEncoder;
import id.pantau.ingest.source.FailureReasons;
import id.pantau.ingest.source.SourceFailure;
import id.pantau.ingest.source.SourceOpener;
import id.pantau.ingest.source.StreamFacts;
import io.micrometer.core.instrument.MeterRegistry;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Reads one camera on its own platform thread: open (with back-off), decode every frame, sample to the analysis
 * rate into a drop-oldest queue, keep evidence copies in the ring, and reconnect whenever the source fails or stalls.
 * A failing camera only ever costs its own thread.
 *
 * <p>The reader reads compressed packets itself and decodes them ({@link PacketDecoder}) rather than letting the
 * grabber do both out of sight: the same packets, unchanged, go to a {@link PacketTap} (the live view's remuxer),
 * so the browser gets the camera's own H.264 without a second connection, decode or encode.
 *
 * <p>Stall handling, designed around FFmpeg's limits (RECIPES.md 1d): a blocked {@code grab()} cannot be interrupted
 * and {@code close()} from another thread is unsafe. So (1) the socket timeout bounds each read to the stall timeout,
 * and the worker itself treats a read that took that long (grabImage returns only with a picture, so this is "no
 * frame for the stall timeout") as a disconnect and reopens - without this a hung server makes grab() trickle
 * buffered frames for ~19 s; (2) the watchdog ({@link #watch}) only
 * reports STALLED; (3) if a native call hangs far beyond the timeout, the watchdog abandons that thread and starts a
 * fresh one with a fresh grabber. The abandoned thread, when FFmpeg finally returns, sees it is stale, closes its own
 * grabber on its own thread and exits without publishing anything.
 */
public final class CameraWorker {
    /** Stream time where a looping file's first replay starts (never, for anything else). */
    private volatile long firstReplayMicros = Long.MAX_VALUE;
    private static final Logger log = LoggerFactory.getLogger(CameraWorker.class);
    /** A stream that ran this long before failing was healthy: reconnect at once and reset the back-off. */
    private static final long HEALTHY_NANOS = Duration.ofSeconds(10).toNanos();

    private final CameraSource source;
    private final ReconnectBackoff backoff;
    private final Clock clock;
    private final FrameQueue<VideoFrame> queue;
    /** Pixel buffers of the frames handed to analysis, recycled on drop and on {@link #release}. */
    private final FrameBuffers buffers;
    /** The small grey copies (luma) of those frames, for the motion gate; recycled with them. */
    private final FrameBuffers lumaBuffers;
    private final FrameRing ring;
    private final CameraMetrics metrics;
    private final AtomicReference<CameraState> state = new AtomicReference<>(new CameraState.Stopped());
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final long stallNanos;
    private final long hangNanos;
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile long lastFrameNanos;
    /** When the current native call (open or grab) began, 0 when none is running. */
    private volatile long nativeCallSince;
    private volatile StreamFacts facts;
    private volatile String lastLogged = "";
    private volatile Failure lastFailure;
    private final RateEstimator measuredFps = new RateEstimator();
    private volatile PacketTap tap;
    private volatile boolean shedding;
    private final AtomicLong shedFrames = new AtomicLong();
    /**
     * After the analysis queue last dropped a frame, the decoder keeps shedding this long: the analysis is behind,
     * so the CPU the decoder saves goes to it; a short hold would flap with every frame.
     */
    static final Duration SHED_HOLD = Duration.ofSeconds(5);

    /** The most recent problem of this camera, kept after it recovers, for operators. */
    public record Failure(String reason, Instant at) {
    }

    public CameraWorker(CameraSource source, MeterRegistry registry, ReconnectBackoff backoff, Clock clock) {
        this.source = source;
        this.backoff = backoff;
        this.clock = clock;
        // idle buffers: a full queue plus the one being analysed and the one being converted
        this.buffers = new FrameBuffers(source.queueCapacity() + 2);
        this.lumaBuffers = new FrameBuffers(source.queueCapacity() + 2);
        this.queue = new FrameQueue<>(source.queueCapacity(), this::release);
        this.ring = new FrameRing(source.ringWindow(), source.ringMaxBytes());
        this.stallNanos = source.stallTimeout().toNanos();
        // A native call is only declared hung well past FFmpeg's own timeout, which normally ends it first.
        this.hangNanos = 3 * stallNanos + Duration.ofSeconds(5).toNanos();
        this.metrics = new CameraMetrics(registry, source.id(), this, queue);
    }

    public CameraWorker(CameraSource source, MeterRegistry registry) {
        this(source, registry, ReconnectBackoff.DEFAULT, Clock.systemUTC());
    }

    public CameraId id() {
        return source.id();
    }

    /**
     * True for a frame of a looping file's second or later pass: the same moments again. Counting and congestion
     * still run on it (a demo wall keeps moving); enforcement events of a replay are repeats, not new violations.
     */
    public boolean isReplay(VideoFrame frame) {
        return frame.camera().equals(id()) && frame.streamTimeMicros() >= firstReplayMicros;
    }

    public CameraSource source() {
        return source;
    }

    public CameraState state() {
        return state.get();
    }

    /**
     * Shows every compressed video packet read from now on to {@code tap} (the live view's remuxer), from the next
     * connection on; null removes it.
     */
    public void tap(PacketTap tap) {
        this.tap = tap;
    }

    /** Sampled frames waiting for analysis. */
    public FrameQueue<VideoFrame> queue() {
        return queue;
    }

    /**
     * Hands a frame taken from {@link #queue} back once its consumer is done with its pixels (perception and
     * analytics have run): its buffer carries the camera's next frame. Optional (a frame never released is left to
     * the garbage collector) but then each frame costs a fresh buffer. Never release a frame something still reads.
     */
    public void release(VideoFrame frame) {
        buffers.give(frame.bgr());
        if (frame.luma() != null) {
            lumaBuffers.give(frame.luma().pixels());
        }
    }

    /** Whether the decoder is shedding work now because the analysis queue dropped frames ({@link #SHED_HOLD}). */
    public boolean shedding() {
        return shedding;
    }

    /** Frames decoded while shedding, since start. */
    public long framesDecodedShedding() {
        return shedFrames.get();
    }

    /** Pixel buffers allocated since start: it levels off at the frames in flight while consumers release. */
    public long frameBuffersAllocated() {
        return buffers.allocated();
    }

    /** The last {@code ring_seconds} of JPEG frames for evidence. */
    public FrameRing ring() {
        return ring;
    }

    /** What FFmpeg reported at the last successful open, or null before that. */
    public StreamFacts facts() {
        return facts;
    }

    /** The most recent failure (open error, drop, stall), if any, even when the camera streams again. */
    public java.util.Optional<Failure> lastFailure() {
        return java.util.Optional.ofNullable(lastFailure);
    }

    /** Frames decoded since start (also the next frame's sequence number). */
    public long framesDecoded() {
        return sequence.get();
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("camera " + id() + " already started");
        }
        stopping = false;
        launch(generation.incrementAndGet());
    }

    private void launch(int gen) {
        Thread t = Thread.ofPlatform().daemon().name("ingest-" + id() + "-" + gen).unstarted(() -> run(gen));
        thread = t;
        t.start();
    }

    /**
     * Stops the worker and waits up to {@code wait} for its thread. A thread stuck in FFmpeg is left to finish on
     * its own (it is a daemon, closes its grabber itself and publishes nothing more).
     */
    public void stop(Duration wait) {
        Thread t;
        synchronized (this) {
            stopping = true;
            generation.incrementAndGet();
            t = thread;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("camera {}: reader thread still inside FFmpeg after {} ms; left to exit on its own", id(),
                    wait.toMillis());
        }
        setState(new CameraState.Stopped());
        metrics.close();
    }

    /**
     * Called periodically by the manager's watchdog thread: reports STALLED when no frame arrived for the stall
     * timeout, and replaces a reader thread that is hung inside FFmpeg.
     */
    public void watch(long nowNanos) {
        CameraState s = state.get();
        long last = lastFrameNanos;
        if (s instanceof CameraState.Streaming && last != 0 && nowNanos - last > stallNanos) {
            CameraState stalled = new CameraState.Stalled(Duration.ofNanos(nowNanos - last));
            if (state.compareAndSet(s, stalled)) {
                logState(stalled);
            }
        }
        long since = nativeCallSince;
        if (since != 0 && nowNanos - since > hangNanos) {
            synchronized (this) {
                if (stopping || since != nativeCallSince) {
                    return;
                }
                nativeCallSince = 0;
                int gen = generation.incrementAndGet();
                log.warn("camera {}: FFmpeg call hung for {} s; abandoning that reader and opening a fresh one",
                        id(), (nowNanos - since) / 1_000_000_000);
                metrics.reconnects.increment();
                launch(gen);
            }
        }
    }

    /** An abandoned reader returning from FFmpeg must not clear the hang clock of its replacement. */
    private void endNativeCall(int gen) {
        if (active(gen)) {
            nativeCallSince = 0;
        }
    }

    private boolean active(int gen) {
        return !stopping && generation.get() == gen;
    }

    private void setState(CameraState s) {
        state.set(s);
        logState(s);
    }

    private void setState(int gen, CameraState s) {
        if (active(gen)) {
            setState(s);
        }
    }

    /**
     * One line per change an operator cares about: a camera retrying every second must not flood the log, so a
     * DOWN with the same reason as the last one, and repeated CONNECTING attempts, go to DEBUG.
     */
    private void logState(CameraState s) {
        String line = s instanceof CameraState.Down d ? "DOWN: " + d.reason() : s.name();
        boolean repeat = line.equals(lastLogged)
                || s instanceof CameraState.Connecting c && c.attempt() > 1;
        if (repeat) {
            log.debug("camera {} {}", id(), s);
            return;
        }
        if (!(s instanceof CameraState.Connecting)) {
            lastLogged = line;
        }
        if (s instanceof CameraState.Down || s instanceof CameraState.Stalled) {
            log.warn("camera {} {}", id(), s);
        } else {
            log.info("camera {} ({}) {}", id(), source.name(), s);
        }
    }

    // ---------------------------------------------------------------- the reader thread

    /** Per-thread reading state; a fresh one for each reader thread so an abandoned thread shares nothing. */
    private final class Session {
        final int gen;
        final FrameSampler analysisSampler = new FrameSampler(source.analysisFps());
        final FrameSampler ringSampler = new FrameSampler(source.ringFps());
        final RealtimePacer pacer = new RealtimePacer();
        final boolean keepRing = source.ringMaxBytes() > 0 && !source.ringWindow().isZero();
        final RingEncoder ringEncoder = keepRing
                ? new RingEncoder(id(), ring, source.jpegQuality(), Thread.currentThread().getName() + "-jpeg") : null;
        final BgrConverter bgr = new BgrConverter();
        final LumaScaler luma = new LumaScaler();
        /** Queue drops seen at the last check, and until when the decoder sheds. */
        long dropsSeen;
        long shedUntilNanos;
        /** Added to file timestamps so a looping file's stream time keeps increasing. */
        long loopOffsetMicros;
        long lastStreamMicros = Long.MIN_VALUE;
        long frameMicros = 40_000;
        Instant anchorWall;
        long anchorMicros;
        /** Capture time of the last frame handed on (queue or ring), to keep them increasing. */
        Instant lastCapture;
        /** The tap of the current connection (fixed per connection, so it sees whole streams). */
        PacketTap tap;
        /** Added to the tapped packets' timestamps (stream time base) so a looping file's timeline continues. */
        long tapOffset;
        long lastTapDts = Long.MIN_VALUE;
        boolean rebaseTap;

        Session(int gen) {
            this.gen = gen;
        }
    }

    private sealed interface Outcome {
        record EndOfFile() implements Outcome { }
        record Failed(String reason) implements Outcome { }
        record Stopped() implements Outcome { }
    }

    private void run(int gen) {
        ReaderPriority.lowerCurrentThread(); // before the session starts its ring encoder: it inherits this
        Session session = new Session(gen);
        SourceOpener.Decoding decoding = new SourceOpener.Decoding(true, source.skipsNonReferenceFrames());
        int failures = 0; // consecutive, without a healthy stretch of streaming in between
        try {
            while (active(gen)) {
                setState(gen, new CameraState.Connecting(failures + 1, clock.instant()));
                SourceOpener.Opened opened;
                nativeCallSince = System.nanoTime();
                try {
                    opened = SourceOpener.open(source.input(), source.kind(), source.transport(),
                            source.stallTimeout(), decoding);
                } catch (SourceFailure e) {
                    failures++;
                    if (!failed(session, e.getMessage(), failures)) {
                        return;
                    }
                    continue;
                } finally {
                    endNativeCall(gen);
                }
                long streamStart = System.nanoTime();
                Outcome outcome;
                try (opened) {
                    outcome = stream(session, opened);
                }
                switch (outcome) {
                    case Outcome.Stopped s -> {
                        return;
                    }
                    case Outcome.EndOfFile e -> {
                        if (session.ringEncoder != null) {
                            try {
                                session.ringEncoder.flush(10_000); // the ring is complete when FINISHED shows
                            } catch (InterruptedException ie) {
                                return; // stopping
                            }
                        }
                        setState(gen, new CameraState.Finished(sequence.get()));
                        return;
                    }
                    case Outcome.Failed f -> {
                        metrics.reconnects.increment();
                        boolean wasHealthy = System.nanoTime() - streamStart >= HEALTHY_NANOS;
                        failures = wasHealthy ? 0 : failures + 1;
                        if (!failed(session, f.reason(), failures)) {
                            return;
                        }
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            // A bug or a native surprise must not go unseen or take other cameras with it.
            log.error("camera {}: reader crashed", id(), e);
            lastFailure = new Failure("internal error: " + e, clock.instant());
            setState(gen, new CameraState.Down("internal error: " + e, Duration.ZERO, clock.instant()));
        } finally {
            if (session.ringEncoder != null) {
                session.ringEncoder.close();
            }
            session.bgr.close();
            session.luma.close();
        }
    }

    /**
     * Records a failure, shows DOWN with its reason and waits the back-off (none after a healthy stream).
     * Returns false if the worker is stopping.
     */
    private boolean failed(Session session, String reason, int failures) {
        if (!active(session.gen)) {
            return false;
        }
        lastFailure = new Failure(reason, clock.instant());
        Duration wait = failures == 0 ? Duration.ZERO : backoff.delay(failures);
        setState(session.gen, new CameraState.Down(reason, wait, clock.instant()));
        if (wait.isZero()) {
            return true;
        }
        try {
            Thread.sleep(wait);
            return active(session.gen);
        } catch (InterruptedException e) {
            return false; // stop() interrupts the back-off wait
        }
    }

    private Outcome stream(Session s, SourceOpener.Opened opened) {
        FFmpegFrameGrabber grabber = opened.grabber();
        AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
        s.tap = tap;
        s.tapOffset = 0;
        s.lastTapDts = Long.MIN_VALUE;
        s.rebaseTap = false;
        tapCall(s, t -> t.opened(video));
        Outcome outcome = null;
        try (PacketDecoder decoder = new PacketDecoder(video, source.skipsNonReferenceFrames(),
                source.decodeThreads())) {
            outcome = stream(s, opened, new PacketReader(grabber, video, decoder, s));
            return outcome;
        } finally {
            String why = switch (outcome) {
                case Outcome.Failed f -> f.reason();
                case Outcome.EndOfFile e -> "end of file";
                case null, default -> "stopped";
            };
            tapCall(s, t -> t.closed(why));
        }
    }

    /** Calls the connection's tap; a tap that throws is logged and never stops the reader. */
    private void tapCall(Session s, java.util.function.Consumer<PacketTap> call) {
        if (s.tap == null) {
            return;
        }
        try {
            call.accept(s.tap);
        } catch (RuntimeException e) {
            log.warn("camera {}: packet tap failed: {}", id(), e.toString());
        }
    }

    /**
     * Reads packets and decodes them, as {@code grabImage()} would, showing each video packet to the tap on the
     * way: the next picture, or null at the end of the stream.
     */
    private final class PacketReader {
        final FFmpegFrameGrabber grabber;
        final AVStream video;
        final PacketDecoder decoder;
        final Session s;
        final long frameTicks;
        boolean ended;

        PacketReader(FFmpegFrameGrabber grabber, AVStream video, PacketDecoder decoder, Session s) {
            this.grabber = grabber;
            this.video = video;
            this.decoder = decoder;
            this.s = s;
            double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
            this.frameTicks = Math.max(1, Math.round(video.time_base().den() / (fps * video.time_base().num())));
        }

        AVFrame next() throws FrameGrabber.Exception {
            while (true) {
                AVFrame picture = decoder.receive();
                if (picture != null || ended) {
                    return picture;
                }
                AVPacket packet = grabber.grabPacket();
                if (packet == null) {
                    ended = true;
                    decoder.drain();
                    continue;
                }
                try {
                    if (packet.stream_index() == video.index()) {
                        tapPacket(packet);
                        decoder.send(packet); // a corrupt packet is skipped, as the grabber does
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        }

        private void tapPacket(AVPacket packet) {
            if (s.tap == null) {
                return;
            }
            long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
            if (s.rebaseTap && dts != AV_NOPTS_VALUE) {
                s.tapOffset = s.lastTapDts + frameTicks - dts;
                s.rebaseTap = false;
            }
            if (s.tapOffset != 0) {
                shift(packet, s.tapOffset);
            }
            tapCall(s, t -> t.packet(packet));
            if (s.tapOffset != 0) {
                shift(packet, -s.tapOffset); // the decoder keeps the file's own times
            }
            if (dts != AV_NOPTS_VALUE) {
                s.lastTapDts = Math.max(s.lastTapDts, dts + s.tapOffset);
            }
        }

        private static void shift(AVPacket p, long ticks) {
            if (p.dts() != AV_NOPTS_VALUE) {
                p.dts(p.dts() + ticks);
            }
            if (p.pts() != AV_NOPTS_VALUE) {
                p.pts(p.pts() + ticks);
            }
        }

        /** Back to the start of a file, for looping: the tap's timeline goes on from where it was. */
        void rewind() throws FrameGrabber.Exception {
            AVFormatContext ctx = grabber.getFormatContext();
            long start = ctx.start_time() != AV_NOPTS_VALUE ? ctx.start_time() : 0;
            int r = avformat_seek_file(ctx, -1, Long.MIN_VALUE, start, start, AVSEEK_FLAG_BACKWARD);
            if (r < 0) {
                throw new FrameGrabber.Exception("seek to the start failed (error " + r + ")");
            }
            decoder.flush();
            ended = false;
            s.rebaseTap = true;
        }

        long micros(AVFrame picture) {
            return decoder.micros(picture);
        }
    }

    private Outcome stream(Session s, SourceOpener.Opened opened, PacketReader reader) {
        StreamFacts f = opened.facts();
        facts = f;
        long firstPts = Long.MIN_VALUE;
        long lastPts = Long.MIN_VALUE;
        s.frameMicros = f.fps() > 0 ? Math.round(1_000_000 / f.fps()) : 40_000;
        long connectedNanos = System.nanoTime();
        s.anchorWall = null;   // a new connection maps its stream time onto the clock afresh
        s.loopOffsetMicros = 0;
        while (active(s.gen)) {
            long t0 = System.nanoTime();
            AVFrame frame;
            nativeCallSince = t0;
            try {
                frame = reader.next();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                return new Outcome.Failed(FailureReasons.readFailed(e));
            } finally {
                endNativeCall(s.gen);
            }
            long took = System.nanoTime() - t0;
            if (!active(s.gen)) {
                return new Outcome.Stopped();
            }
            if (took >= stallNanos) {
                return new Outcome.Failed(String.format("no frame for %.1f s (stream stalled), reconnecting",
                        took / 1e9));
            }
            if (frame == null) {
                Outcome end = endOfStream(f, firstPts, lastPts);
                if (!(end instanceof Outcome.EndOfFile) || !source.loop()) {
                    return end;
                }
                // Loop by seeking back, not reopening: a reopen re-probes the file (0.5 s for 720p) and would
                // stutter. Stream time continues one frame after the last one, so it never goes backwards.
                try {
                    reader.rewind();
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    return new Outcome.Failed("cannot rewind " + source.input() + " to loop it: " + e.getMessage());
                }
                s.loopOffsetMicros = s.lastStreamMicros + s.frameMicros;
                if (firstReplayMicros == Long.MAX_VALUE) {
                    firstReplayMicros = s.loopOffsetMicros;
                }
                firstPts = Long.MIN_VALUE;
                lastPts = Long.MIN_VALUE;
                continue;
            }
            metrics.recordDecode(took);
            metrics.decoded.increment();
            shedIfBehind(s, reader.decoder);
            long pts = reader.micros(frame);
            if (firstPts == Long.MIN_VALUE) {
                firstPts = pts;
            }
            lastPts = pts;
            long streamMicros = switch (source.kind()) {
                case FILE -> s.loopOffsetMicros + pts - firstPts;
                case RTSP -> pts; // RTP timestamps: the camera's own clock
                // FFmpeg's MJPEG-over-HTTP demuxer invents timestamps at an assumed 25 fps; the arrival time is
                // the only truthful clock such a camera has.
                case HTTP_MJPEG -> (t0 - connectedNanos) / 1_000;
            };
            measuredFps.add(streamMicros);
            s.lastStreamMicros = streamMicros;
            if (source.kind() == SourceKind.FILE && source.pacing() == Pacing.REALTIME) {
                try {
                    if (s.pacer.await(streamMicros) && s.anchorWall != null) {
                        // Decoding fell behind real time: restart the clock mapping too, so capture times stay
                        // close to the wall clock instead of lagging more and more.
                        s.anchorWall = clock.instant();
                        s.anchorMicros = streamMicros;
                    }
                } catch (InterruptedException e) {
                    return new Outcome.Stopped();
                }
            }
            lastFrameNanos = System.nanoTime();
            if (s.anchorWall == null) {
                s.anchorWall = clock.instant();
                s.anchorMicros = streamMicros;
                s.analysisSampler.reset();
                s.ringSampler.reset();
            } else if (source.kind() == SourceKind.RTSP) {
                // The first frame of a connection is read after FFmpeg's probe has buffered up to a second of
                // stream, which then arrives in a burst: anchored on it, later frames would map to capture times
                // in the future. A frame cannot be captured after it arrived, so the mapping follows the frame
                // that arrived soonest (the least-delayed path), which only ever moves the anchor earlier.
                Instant now = clock.instant();
                Instant mapped = s.anchorWall.plusNanos((streamMicros - s.anchorMicros) * 1_000);
                if (mapped.isAfter(now)) {
                    s.anchorWall = now;
                    s.anchorMicros = streamMicros;
                }
            }
            CameraState current = state.get();
            if (!(current instanceof CameraState.Streaming)) {
                setState(s.gen, new CameraState.Streaming(frame.width(), frame.height(), f.fps(),
                        clock.instant()));
            }
            deliver(s, frame, streamMicros);
        }
        return new Outcome.Stopped();
    }

    private Outcome endOfStream(StreamFacts f, long firstPts, long lastPts) {
        if (source.kind().isLive()) {
            return new Outcome.Failed(firstPts == Long.MIN_VALUE
                    ? "stream ended before the first frame (server closed the connection)"
                    : "stream ended: the server closed the connection");
        }
        if (firstPts == Long.MIN_VALUE) {
            return new Outcome.Failed("not a video: no decodable frame in " + source.input());
        }
        if (f.duration().isPresent()) {
            long total = f.duration().get().toNanos() / 1_000;
            long tolerance = Math.max(1_000_000, total / 20);
            if (lastPts < total - tolerance) {
                return new Outcome.Failed(String.format("stream ended early at %.1f s of %.1f s (truncated file?): %s",
                        lastPts / 1e6, total / 1e6, source.input()));
            }
        }
        return new Outcome.EndOfFile();
    }

    /**
     * Sheds decode work before analysis loses more frames: while the camera's analysis queue drops frames (and
     * {@link #SHED_HOLD} after), the decoder skips what it can ({@link PacketDecoder#shed}).
     */
    private void shedIfBehind(Session s, PacketDecoder decoder) {
        long now = System.nanoTime();
        long drops = queue.dropped();
        if (drops != s.dropsSeen) {
            s.dropsSeen = drops;
            s.shedUntilNanos = now + SHED_HOLD.toNanos();
        }
        boolean shed = now - s.shedUntilNanos < 0;
        if (shed != decoder.shedding()) {
            decoder.shed(shed);
            shedding = shed;
            log.info("camera {}: analysis {}; decoder {}", id(), shed ? "drops frames" : "keeps up again",
                    shed ? "sheds work (non-reference frames, deblocking)" : "decodes fully");
        }
        if (shed) {
            shedFrames.incrementAndGet();
        }
    }

    private void deliver(Session s, AVFrame picture, long streamMicros) {
        boolean toQueue = s.analysisSampler.accept(streamMicros);
        boolean toRing = s.keepRing && s.ringSampler.accept(streamMicros);
        long seq = sequence.getAndIncrement();
        if (!toQueue && !toRing) {
            return;
        }
        Instant capture = s.anchorWall.plusNanos((streamMicros - s.anchorMicros) * 1_000);
        if (s.lastCapture != null && !capture.isAfter(s.lastCapture)) {
            capture = s.lastCapture.plusNanos(1_000); // an anchor moved earlier: capture times still only increase
        }
        s.lastCapture = capture;
        int w = picture.width();
        int h = picture.height();
        // The decoder's own picture: only the frames kept here pay for a conversion.
        if (toRing) {
            s.ringEncoder.submit(picture, seq, capture, streamMicros);
        }
        if (toQueue && active(s.gen)) {
            ByteBuffer pixels = buffers.take(w * h * 3);
            int lw = LumaScaler.width(w);
            int lh = LumaScaler.height(w, h);
            ByteBuffer grey = lumaBuffers.take(lw * lh);
            try {
                s.bgr.toBgr(picture, pixels);
                s.luma.scale(picture, grey);
            } catch (RuntimeException e) {
                buffers.give(pixels);
                lumaBuffers.give(grey);
                throw e;
            }
            queue.offer(new VideoFrame(id(), seq, capture, streamMicros, w, h, pixels, new GreyPlane(lw, lh, grey)));
            metrics.sampled.increment();
        }
    }

    // ---------------------------------------------------------------- gauges

    /**
     * The rate frames really come at (in stream time), falling back to what the source declares. The declared rate
     * can be wrong: FFmpeg says 25 fps for every MJPEG camera.
     */
    double sourceFps() {
        double measured = measuredFps.fps();
        if (!Double.isNaN(measured)) {
            return measured;
        }
        StreamFacts f = facts;
        return f == null ? Double.NaN : f.fps();
    }

    int frameWidth() {
        StreamFacts f = facts;
        return f == null ? 0 : f.width();
    }

    int frameHeight() {
        StreamFacts f = facts;
        return f == null ? 0 : f.height();
    }

    /** Seconds since the last decoded frame, NaN before the first. */
    double lastFrameAgeSeconds() {
        long last = lastFrameNanos;
        return last == 0 ? Double.NaN : (System.nanoTime() - last) / 1e9;
    }

    @Override
    public String toString() {
        return "camera " + id() + " (" + FailureReasons.redact(source.input()) + "): " + state();
    }
}
