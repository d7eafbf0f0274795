package id.pantau.enforcement.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** JPEG in and out with the JDK's codec; encoding is deterministic, which keeps rewritten packages identical. */
final class JpegImages {
    private JpegImages() {
    }

    /** Decodes to 3-byte BGR (what the video encoder takes), or fails naming the frame. */
    static BufferedImage decode(ClipFrame frame) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(frame.jpeg()));
        } catch (IOException e) {
            throw new EvidenceAssemblyException("frame " + frame.sequence() + " is not a readable JPEG ("
                    + e.getMessage() + "); the ring buffer must hold JPEG-compressed frames", e);
        }
        if (img == null) {
            throw new EvidenceAssemblyException("frame " + frame.sequence() + " is not a JPEG image ("
                    + frame.jpeg().length + " bytes); the ring buffer must hold JPEG-compressed frames");
        }
        return toBgr(img);
    }

    static BufferedImage toBgr(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return img;
        }
        BufferedImage bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        var g = bgr.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    static byte[] encode(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
