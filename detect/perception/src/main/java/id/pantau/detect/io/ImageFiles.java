package id.pantau.detect.io;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Reads still images (JPEG, PNG, BMP, ...) into BGR24 frames with OpenCV. */
public final class ImageFiles {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");

    private ImageFiles() {
    }

    public static boolean looksLikeImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /**
     * @throws UnreadableImageException when the file is missing or not a decodable image (the message names it)
     */
    public static VideoFrame read(Path file, CameraId camera, long sequence) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableImageException(file, "the file does not exist");
        }
        try (Mat m = opencv_imgcodecs.imread(file.toAbsolutePath().toString(), opencv_imgcodecs.IMREAD_COLOR)) {
            if (m == null || m.empty()) {
                throw new UnreadableImageException(file, "OpenCV cannot decode it as an image (corrupt, truncated"
                        + " or not an image at all)");
            }
            if (m.type() != CV_8UC3) {
                throw new UnreadableImageException(file, "unexpected pixel type " + m.type());
            }
            int w = m.cols();
            int h = m.rows();
            ByteBuffer buf = ByteBuffer.allocate(w * h * 3);
            byte[] row = new byte[w * 3];
            for (int y = 0; y < h; y++) {
                m.ptr(y).get(row);
                buf.put(row);
            }
            buf.flip();
            return new VideoFrame(camera, sequence, Instant.EPOCH, 0, w, h, buf);
        }
    }

    /** An input image that cannot be used; names the file and the reason. */
    public static final class UnreadableImageException extends RuntimeException {
        private final Path file;

        public UnreadableImageException(Path file, String reason) {
            super("image " + file.toAbsolutePath() + " cannot be read: " + reason
                    + "; replace or remove the file");
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
