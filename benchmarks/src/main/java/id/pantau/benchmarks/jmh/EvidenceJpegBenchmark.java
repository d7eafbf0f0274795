package id.pantau.benchmarks.jmh;

import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.decode.JpegFromPicture;
import id.pantau.ingest.ring.JpegCodec;
import id.pantau.ingest.source.SourceOpener;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * The evidence ring's JPEG encoding of a 720p frame, which ingest does for every ring frame (by default at the
 * analysis rate): what ingest does now (FFmpeg's MJPEG encoder straight from the decoder's YUV picture,
 * {@link JpegFromPicture}), beside the two BGR encoders it replaced, the JDK's ImageIO writer and OpenCV's
 * libjpeg-turbo, on the same frame at the same quality.
 */
@State(Scope.Thread)
public class EvidenceJpegBenchmark {
    byte[] heap;
    int width;
    int height;
    JpegCodec imageIo;
    ByteBuffer direct;
    Mat mat;
    BytePointer encoded;
    AVFrame yuv;
    JpegFromPicture fromYuv;
    IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 85);

    @Setup(Level.Trial)
    public void setUp() {
        VideoFrame f = JmhInputs.frameAt(2.5);
        width = f.width();
        height = f.height();
        heap = f.toByteArray();
        imageIo = new JpegCodec(85);
        direct = ByteBuffer.allocateDirect(heap.length);
        direct.put(heap).flip();
        mat = new Mat(height, width, CV_8UC3, new BytePointer(direct));
        encoded = new BytePointer();
        yuv = yuvPictureAt(2.5);
        fromYuv = new JpegFromPicture(85);
    }

    /** The decoder's own picture (yuv420p) at about {@code seconds}, kept past the grabber's life by a reference. */
    private static AVFrame yuvPictureAt(double seconds) {
        try (SourceOpener.Opened o = SourceOpener.open(JmhInputs.clip().toString(), SourceKind.FILE, Transport.TCP,
                Duration.ofSeconds(5), new SourceOpener.Decoding(true, false))) {
            Frame f = null;
            int index = (int) Math.round(seconds * o.grabber().getFrameRate());
            for (int i = 0; i <= index; i++) {
                f = o.grabber().grabImage();
            }
            if (f == null) {
                throw new IllegalStateException(JmhInputs.CLIP + " is shorter than " + seconds + " s");
            }
            return av_frame_clone((AVFrame) f.opaque);
        } catch (Exception e) {
            throw new IllegalStateException("cannot decode " + JmhInputs.CLIP, e);
        }
    }

    /** What ingest does for each ring frame. */
    @Benchmark
    public byte[] ffmpegMjpegFromYuv() {
        return fromYuv.encode(yuv);
    }

    @Benchmark
    public byte[] imageIoFromBgr() {
        return imageIo.encode(heap, width, height);
    }

    @Benchmark
    public long openCvImencodeFromBgr() {
        opencv_imgcodecs.imencode(".jpg", mat, encoded, params);
        return encoded.limit();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        imageIo.close();
        mat.close();
        encoded.close();
        params.close();
        fromYuv.close();
        av_frame_free(yuv);
    }
}
