package id.pantau.ingest.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.ring.JpegCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An HTTP MJPEG camera: a JDK HttpServer on 127.0.0.1 serves {@code multipart/x-mixed-replace} of JPEG frames
 * encoded from the shared parking clip, at 10 fps, like a cheap IP camera's /video.mjpg.
 */
class MjpegCameraTest {
    private static final String BOUNDARY = "pantauframe";
    private static final List<byte[]> JPEGS = new ArrayList<>();
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final AtomicInteger TRICKLE_CLIENTS = new AtomicInteger();
    private static volatile boolean stopTrickling;
    private static HttpServer server;

    @BeforeAll
    static void serveRealFrames() throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(SharedData.video(SharedData.PARKING).toString());
             JpegCodec codec = new JpegCodec(80)) {
            g.start();
            for (int i = 0; i < 25; i++) {
                Frame f = g.grabImage();
                byte[] bgr = new byte[f.imageWidth * f.imageHeight * 3];
                ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
                for (int y = 0; y < f.imageHeight; y++) { // rows may be padded
                    b.position(y * f.imageStride);
                    b.get(bgr, y * f.imageWidth * 3, f.imageWidth * 3);
                }
                JPEGS.add(codec.encode(bgr, f.imageWidth, f.imageHeight));
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/video.mjpg", MjpegCameraTest::stream);
        server.createContext("/trickle.mjpg", MjpegCameraTest::trickle);
        server.start();
    }

    private static void stream(HttpExchange ex) throws IOException {
        CLIENTS.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace;boundary=" + BOUNDARY);
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; ; i++) {
                byte[] jpeg = JPEGS.get(i % JPEGS.size());
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /**
     * A broken camera: three good frames, then a frame whose bytes arrive one every 100 ms, forever. Each socket read
     * returns within FFmpeg's timeout, so grab() never returns: only the watchdog can get the camera out.
     */
    private static void trickle(HttpExchange ex) throws IOException {
        TRICKLE_CLIENTS.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace;boundary=" + BOUNDARY);
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 3; i++) {
                byte[] jpeg = JPEGS.get(i);
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(100);
            }
            byte[] jpeg = JPEGS.get(3);
            out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; !stopTrickling; i = (i + 1) % jpeg.length) {
                out.write(jpeg[i]);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    @AfterAll
    static void stop() {
        stopTrickling = true;
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsAnMjpegStreamOverHttp() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/video.mjpg";
        CameraSource cam = CameraSource.builder("gate", url).analysisFps(30).queueCapacity(100).build();
        assertThat(cam.kind()).isEqualTo(SourceKind.HTTP_MJPEG);
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("gate"));
            List<VideoFrame> frames = Cameras.take(w.queue(), 15, Duration.ofSeconds(15));

            assertThat(frames).hasSize(15).allSatisfy(f -> {
                assertThat(f.width()).isEqualTo(768);
                assertThat(f.height()).isEqualTo(432);
            });
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).sequence()).isGreaterThan(frames.get(i - 1).sequence());
                assertThat(frames.get(i).captureTime()).isAfterOrEqualTo(frames.get(i - 1).captureTime());
            }
            // MJPEG has no real timestamps: capture times follow arrival, 100 ms apart at the served 10 fps.
            Duration span = Duration.between(frames.getFirst().captureTime(), frames.getLast().captureTime());
            assertThat(span.toMillis() / 14.0).isBetween(80.0, 160.0);
            assertThat(w.facts().codec()).isEqualTo("mjpeg");
            // FFmpeg declares 25 fps for any MJPEG stream; the source.fps gauge shows the measured ~10 fps (a little
            // more: the frames buffered while FFmpeg probed the stream arrive in a burst).
            assertThat(w.facts().fps()).isEqualTo(25.0);
            assertThat(reg.get("pantau.ingest.source.fps").tag("camera", "gate").gauge().value()).isBetween(6.0, 16.0);
            assertThat(w.state()).isInstanceOf(CameraState.Streaming.class);
            // The pixels are the served picture: compare with the JPEG decoded by ImageIO (same source image).
            VideoFrame f = frames.get(3);
            JpegCodec.Decoded ref = JpegCodec.decode(JPEGS.get((int) (f.sequence() % JPEGS.size())));
            byte[] got = f.toByteArray();
            double diff = 0;
            for (int i = 0; i < got.length; i += 7) {
                diff += Math.abs((got[i] & 0xff) - (ref.bgr()[i] & 0xff));
            }
            assertThat(diff / (got.length / 7.0)).as("mean abs difference to the served frame").isLessThan(4.0);
        }
        assertThat(CLIENTS.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aReaderHungInsideFfmpegIsAbandonedAndReplaced() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/trickle.mjpg";
        // stall 1 s: STALLED after 1 s, the hung reader replaced after 3 x 1 s + 5 s = 8 s
        CameraSource cam = CameraSource.builder("trickle", url).analysisFps(30).queueCapacity(100)
                .stallTimeout(Duration.ofSeconds(1)).build();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("trickle"));
            List<VideoFrame> first = Cameras.take(w.queue(), 2, Duration.ofSeconds(10));
            assertThat(first).hasSize(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> w.state() instanceof CameraState.Stalled);
            // The watchdog gives up on the stuck reader and a fresh one connects and gets the good frames again.
            w.queue().drainTo(new java.util.ArrayList<>());
            List<VideoFrame> second = Cameras.take(w.queue(), 2, Duration.ofSeconds(15));
            assertThat(second).hasSize(2);
            assertThat(TRICKLE_CLIENTS.get()).isGreaterThanOrEqualTo(2);
            assertThat(second.getFirst().sequence()).isGreaterThan(first.getLast().sequence());
            assertThat(reg.get("pantau.ingest.reconnects").tag("camera", "trickle").counter().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("ingest-trickle-2"));
        }
    }
}
