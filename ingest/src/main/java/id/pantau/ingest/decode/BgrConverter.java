package id.pantau.ingest.decode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * The decoder's own picture (YUV, usually) to the packed BGR24 that {@code VideoFrame} carries, for the frames the
 * sampler keeps only: the camera reader grabs raw pictures so that the 5 of 30 frames a second that are analysed
 * are the only ones paying for a colour conversion.
 *
 * <p>The camera reader converts straight into a pooled direct buffer ({@link #toBgr(AVFrame, ByteBuffer)}, see
 * {@link FrameBuffers}): no copy and no allocation per frame. Same scaling flags as JavaCV's own conversion (bilinear
 * chroma), so frames are bit-identical to what {@code ImageMode.COLOR} gave. Not thread-safe: one per reader thread.
 */
public final class BgrConverter implements AutoCloseable {
    private SwsContext sws;
    private BytePointer scratch;
    private final IntPointer dstLinesize = new IntPointer(1);
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(1);

    /**
     * Converts {@code picture} (any pixel format FFmpeg decodes to) into {@code target}, a direct buffer of at least
     * {@code width * height * 3} bytes, packed BGR24 from its position 0; returns it with the limit at the frame's end.
     */
    public ByteBuffer toBgr(AVFrame picture, ByteBuffer target) {
        int bytes = checkedSize(picture);
        if (!target.isDirect() || target.capacity() < bytes) {
            throw new IllegalArgumentException("the BGR target must be a direct buffer of " + bytes + " bytes, got "
                    + (target.isDirect() ? "" : "a heap buffer of ") + target.capacity());
        }
        // a view of the buffer's memory, which stays the buffer's: not closed here
        BytePointer dst = new BytePointer(target.clear());
        convert(picture, dst);
        target.clear().limit(bytes);
        return target;
    }

    /** Converts {@code picture} into a new packed BGR24 array (tests and tools; the reader uses the pooled form). */
    public byte[] toBgr(AVFrame picture) {
        int bytes = checkedSize(picture);
        if (scratch == null || scratch.capacity() < bytes) {
            if (scratch != null) {
                scratch.close();
            }
            scratch = new BytePointer(bytes);
        }
        convert(picture, scratch);
        byte[] out = new byte[bytes];
        scratch.position(0).get(out);
        return out;
    }

    private static int checkedSize(AVFrame picture) {
        int w = picture.width();
        int h = picture.height();
        if (w <= 0 || h <= 0 || picture.data(0) == null) {
            throw new IllegalArgumentException("not a decoded picture (" + w + "x" + h + ")");
        }
        return w * h * 3;
    }

    private void convert(AVFrame picture, BytePointer dst) {
        int w = picture.width();
        int h = picture.height();
        sws = sws_getCachedContext(sws, w, h, picture.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + picture.format() + " to BGR24");
        }
        dstData.put(0, dst);
        dstLinesize.put(0, w * 3);
        sws_scale(sws, new PointerPointer<>(picture), picture.linesize(), 0, h, dstData, dstLinesize);
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
        dstLinesize.close();
        dstData.close();
    }
}
