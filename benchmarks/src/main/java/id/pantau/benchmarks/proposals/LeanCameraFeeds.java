package id.pantau.benchmarks.proposals;

import id.pantau.benchmarks.pipeline.CameraFeeds;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.queue.FrameQueue;
import id.pantau.ingest.worker.FrameSampler;
import io.micrometer.core.instrument.MeterRegistry;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A measured proposal for the ingest owner, not used by the pipeline: the camera reader with the stage findings
 * of benchmarks/README.md applied, so the bench can show their effect on the whole pipeline. Compared with
 * {@code CameraWorker} it (1) asks H.264 to skip frames no other frame refers to ({@code skip_frame} = NONREF: a
 * 5 fps analysis never needs them), (2) copies each sampled picture into one of a few reused direct buffers
 * instead of a fresh byte[] (so detect's OpenCV code reads it without another copy), and (3) encodes the evidence
 * ring's JPEG with OpenCV (libjpeg-turbo) instead of ImageIO. Same sampling ({@link FrameSampler}), same pacing
 * (real time or as fast as it decodes) and capture-time mapping, same drop-oldest queue. It has none of the worker's reconnect and stall
 * handling: a benchmark prototype only.
 *
 * <p>Buffer reuse: a buffer comes round again after {@code queueCapacity + 4} sampled frames, long after its frame
 * left the queue and was analysed in this bench; a real implementation returns buffers to the pool explicitly.
 */
public final class LeanCameraFeeds implements CameraFeeds {
    private static final Logger log = LoggerFactory.getLogger(LeanCameraFeeds.class);
    /** AVDISCARD_NONREF: discard frames no other frame references (B-frames of a non-pyramid stream) */
    private static final String SKIP_NONREF = "8";

    private final List<LeanCamera> cameras;

    private LeanCameraFeeds(List<CameraSource> sources) {
        this.cameras = sources.stream().map(LeanCamera::new).toList();
    }

    public static Factory factory() {
        return new Factory() {
            @Override
            public CameraFeeds create(List<CameraSource> cameras, MeterRegistry registry) {
                return new LeanCameraFeeds(cameras);
            }

            @Override
            public String name() {
                return "lean-ingest-proposal";
            }
        };
    }

    @Override
    public void start() {
        cameras.forEach(LeanCamera::start);
    }

    @Override
    public List<? extends Feed> feeds() {
        return cameras;
    }

    @Override
    public void close() {
        cameras.forEach(LeanCamera::stop);
    }

    static final class LeanCamera implements Feed {
        private final CameraSource source;
        private final FrameQueue<VideoFrame> queue;
        private final ByteBuffer[] pool;
        private final ArrayDeque<byte[]> ring = new ArrayDeque<>();
        private volatile long decoded;
        private volatile boolean streaming;
        private volatile boolean finished;
        private volatile String failure;
        private volatile boolean stopping;
        private Thread thread;

        LeanCamera(CameraSource source) {
            this.source = source;
            this.queue = new FrameQueue<>(source.queueCapacity());
            this.pool = new ByteBuffer[source.queueCapacity() + 4];
        }

        void start() {
            thread = Thread.ofPlatform().daemon().name("lean-ingest-" + source.id()).start(this::run);
        }

        void stop() {
            stopping = true;
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void run() {
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.input());
            g.setImageMode(FrameGrabber.ImageMode.COLOR);
            g.setVideoOption("skip_frame", SKIP_NONREF);
            if (source.kind() == SourceKind.RTSP) {
                g.setOption("rtsp_transport", "tcp");
                g.setOption("timeout", Long.toString(source.stallTimeout().toNanos() / 1_000));
            }
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            FrameSampler analysis = new FrameSampler(source.analysisFps());
            FrameSampler ringSampler = new FrameSampler(source.ringFps());
            long ringFrames = Math.max(1, Math.round(source.ringWindow().toMillis() / 1000.0 * source.ringFps()));
            boolean file = source.kind() == SourceKind.FILE;
            boolean keepRing = source.ringMaxBytes() > 0 && !source.ringWindow().isZero();
            try (BytePointer jpeg = new BytePointer(); IntPointer jpegParams =
                    new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, source.jpegQuality())) {
                g.start();
                long frameMicros = g.getFrameRate() > 0 ? Math.round(1e6 / g.getFrameRate()) : 40_000;
                long first = Long.MIN_VALUE;
                long loopOffset = 0;
                long last = 0;
                long anchorNanos = 0;
                long anchorStream = 0;
                Instant anchorWall = null;
                long seq = 0;
                int next = 0;
                while (!stopping) {
                    Frame f = g.grabImage();
                    if (f == null) {
                        if (file && !source.loop()) {
                            finished = true;
                            return;
                        }
                        if (!file) {
                            failure = "stream ended";
                            return;
                        }
                        g.setTimestamp(0);
                        loopOffset = last + frameMicros;
                        first = Long.MIN_VALUE;
                        continue;
                    }
                    decoded++;
                    if (first == Long.MIN_VALUE) {
                        first = f.timestamp;
                    }
                    long stream = file ? loopOffset + f.timestamp - first : f.timestamp;
                    last = stream;
                    if (anchorWall == null) {
                        // capture time = the stream time mapped onto the clock of the first frame, as ingest does
                        anchorWall = Instant.now();
                        anchorNanos = System.nanoTime();
                        anchorStream = stream;
                        streaming = true;
                    }
                    if (file && source.pacing() == Pacing.REALTIME) {   // as a live camera would deliver
                        long wait = anchorNanos + (stream - anchorStream) * 1_000 - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    boolean toQueue = analysis.accept(stream);
                    boolean toRing = keepRing && ringSampler.accept(stream);
                    long s = seq++;
                    if (!toQueue && !toRing) {
                        continue;
                    }
                    int w = f.imageWidth;
                    int h = f.imageHeight;
                    ByteBuffer buf = pool[next];
                    if (buf == null || buf.capacity() != w * h * 3) {
                        buf = ByteBuffer.allocateDirect(w * h * 3);
                        pool[next] = buf;
                    }
                    next = (next + 1) % pool.length;
                    copyRows(f, buf);
                    if (toRing) {
                        try (Mat m = new Mat(h, w, opencv_core.CV_8UC3, new BytePointer(buf))) {
                            opencv_imgcodecs.imencode(".jpg", m, jpeg, jpegParams);
                        }
                        byte[] bytes = new byte[(int) jpeg.limit()];
                        jpeg.get(bytes);
                        ring.addLast(bytes);
                        while (ring.size() > ringFrames) {
                            ring.removeFirst();
                        }
                    }
                    if (toQueue) {
                        Instant capture = anchorWall.plusNanos((stream - anchorStream) * 1_000);
                        queue.offer(new VideoFrame(source.id(), s, capture, stream, w, h, buf.duplicate()));
                    }
                }
            } catch (FrameGrabber.Exception | RuntimeException e) {
                failure = "lean reader failed: " + e.getMessage();
                log.warn("camera {}: {}", source.id(), failure);
            } finally {
                try {
                    g.close();
                } catch (FrameGrabber.Exception ignored) {
                    // stopping anyway
                }
            }
        }

        private static void copyRows(Frame f, ByteBuffer dst) {
            int row = f.imageWidth * 3;
            ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
            dst.clear();
            for (int y = 0; y < f.imageHeight; y++) {
                src.limit(y * f.imageStride + row).position(y * f.imageStride);
                dst.put(src);
            }
            dst.flip();
        }

        @Override
        public CameraId id() {
            return source.id();
        }

        @Override
        public FrameQueue<VideoFrame> queue() {
            return queue;
        }

        @Override
        public long framesDecoded() {
            return decoded;
        }

        @Override
        public boolean streaming() {
            return streaming;
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }
    }
}
