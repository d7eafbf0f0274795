package id.pantau.ingest.ring;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * BGR24 pixels to JPEG and back with the JDK's ImageIO. A {@link BufferedImage#TYPE_3BYTE_BGR} raster has exactly
 * the BGR24 byte layout, so encoding copies the pixels without converting them. Not thread-safe (one per worker).
 *
 * <p>For BGR pixels that exist already (tools, tests, decoding ring frames back). The camera reader does not use it
 * for the ring: it encodes the decoder's YUV picture directly ({@code id.pantau.ingest.decode.JpegFromPicture}),
 * about three times faster than this path (6.4 vs 19.7 ms per 720p frame) because nothing is converted to BGR and
 * back.
 */
public final class JpegCodec implements AutoCloseable {
    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    private final ImageWriteParam param = writer.getDefaultWriteParam();
    /** Reused between frames of the same size: a 720p canvas is 2.7 MB, allocated once instead of per frame. */
    private BufferedImage canvas;

    public JpegCodec(int quality) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
    }

    public byte[] encode(byte[] bgr, int width, int height) {
        if (canvas == null || canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        }
        BufferedImage image = canvas;
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, target, 0, width * height * 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 8);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** Decodes a JPEG to packed BGR24 pixels. */
    public static Decoded decode(byte[] jpeg) {
        try {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (read == null) {
                throw new IllegalArgumentException("not a JPEG image (" + jpeg.length + " bytes)");
            }
            BufferedImage bgr = read;
            if (read.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                bgr = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                bgr.getGraphics().drawImage(read, 0, 0, null);
            }
            byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            return new Decoded(bgr.getWidth(), bgr.getHeight(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding failed", e);
        }
    }

    public record Decoded(int width, int height, byte[] bgr) {
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
