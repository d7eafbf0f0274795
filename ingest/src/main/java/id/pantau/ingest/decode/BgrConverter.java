package id.pantau.ingest.decode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

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
 * <p>One native scratch picture per converter, reused while the size stays the same; the result is copied once
 * into a tight {@code width * 3} heap array. Same scaling flags as JavaCV's own conversion (bilinear chroma), so
 * frames are bit-identical to what {@code ImageMode.COLOR} gave. Not thread-safe: one per reader thread.
 */
public final class BgrConverter implements AutoCloseable {
    private SwsContext sws;
    private BytePointer scratch;
    private final IntPointer dstLinesize = new IntPointer(1);
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(1);
    private int width;
    private int height;

    /** Converts {@code picture} (any pixel format FFmpeg decodes to) into a new packed BGR24 array. */
    public byte[] toBgr(AVFrame picture) {
        int w = picture.width();
        int h = picture.height();
        if (w <= 0 || h <= 0 || picture.data(0) == null) {
            throw new IllegalArgumentException("not a decoded picture (" + w + "x" + h + ")");
        }
        if (w != width || h != height) {
            resize(w, h);
        }
        sws = sws_getCachedContext(sws, w, h, picture.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + picture.format() + " to BGR24");
        }
        sws_scale(sws, new PointerPointer<>(picture), picture.linesize(), 0, h, dstData, dstLinesize);
        byte[] out = new byte[w * h * 3];
        scratch.position(0).get(out);
        return out;
    }

    private void resize(int w, int h) {
        if (scratch != null) {
            scratch.close();
        }
        scratch = new BytePointer((long) w * h * 3);
        dstData.put(0, scratch);
        dstLinesize.put(0, w * 3);
        width = w;
        height = h;
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
