package id.pantau.app.console;

import id.pantau.ingest.ring.JpegCodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real JPEG snapshots: frames of a shared traffic video decoded with FFmpeg and encoded as the ingest ring does. */
final class SharedVideoSnapshots {
    static final String HANOI = "hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4";

    private SharedVideoSnapshots() {
    }

    static Path video(String name) {
        String shared = System.getProperty("pantau.shared", "../shared");
        Path p = Path.of(shared, "data", "videos", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared video " + p + " is missing; the tests need ../shared (see README)");
        }
        return p;
    }

    /** The first {@code count} frames, {@code every}-th frame apart, as JPEGs. */
    static List<byte[]> jpegs(String video, int count, int every) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video(video).toString()); JpegCodec jpeg = new JpegCodec(80)) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);   // keep FFmpeg's stream dump out of the test log
            g.start();
            for (int i = 0; out.size() < count; i++) {
                Frame f = g.grabImage();
                if (f == null) {
                    break;
                }
                if (i % every == 0) {
                    out.add(jpeg.encode(bgr(f), f.imageWidth, f.imageHeight));
                }
            }
        }
        return out;
    }

    private static byte[] bgr(Frame f) {
        ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
        int row = f.imageWidth * 3;
        byte[] out = new byte[row * f.imageHeight];
        for (int y = 0; y < f.imageHeight; y++) {
            b.position(y * f.imageStride);
            b.get(out, y * row, row);
        }
        return out;
    }
}
