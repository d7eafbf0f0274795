package id.pantau.ingest.worker;

import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;

/** Copies JavaCV's BGR24 picture (whose rows may be padded) into a tight {@code width * 3} byte array. */
final class BgrFrames {
    private BgrFrames() {
    }

    static byte[] copy(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int row = w * 3;
        int stride = frame.imageStride;
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        byte[] out = new byte[row * h];
        if (stride == row) {
            src.position(0).get(out, 0, out.length);
        } else {
            for (int y = 0; y < h; y++) {
                src.position(y * stride);
                src.get(out, y * row, row);
            }
        }
        return out;
    }
}
