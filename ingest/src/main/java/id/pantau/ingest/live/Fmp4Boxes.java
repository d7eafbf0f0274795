package id.pantau.ingest.live;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Cuts the muxer's byte stream (written in arbitrary pieces) into whole top-level MP4 boxes, so that the live feed
 * can tell the init segment (ftyp, moov) from the fragments (moof, mdat) and hand a viewer only whole fragments.
 */
final class Fmp4Boxes {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final BiConsumer<String, byte[]> box;

    /** @param box receives each complete box: its four-letter type and its bytes (header included) */
    Fmp4Boxes(BiConsumer<String, byte[]> box) {
        this.box = box;
    }

    void accept(byte[] bytes) {
        pending.writeBytes(bytes);
        byte[] all = null;
        int at = 0;
        while (true) {
            if (all == null) {
                all = pending.toByteArray();
            }
            if (all.length - at < 8) {
                break;
            }
            long size = ((all[at] & 0xffL) << 24) | ((all[at + 1] & 0xff) << 16) | ((all[at + 2] & 0xff) << 8)
                    | (all[at + 3] & 0xff);
            if (size < 8) {
                // 0 (to the end) and 1 (64-bit size) never occur in FFmpeg's fragmented output
                throw new IllegalStateException("unexpected MP4 box size " + size);
            }
            if (all.length - at < size) {
                break;
            }
            String type = new String(all, at + 4, 4, StandardCharsets.US_ASCII);
            byte[] b = new byte[(int) size];
            System.arraycopy(all, at, b, 0, (int) size);
            at += (int) size;
            box.accept(type, b);
        }
        if (at > 0) {
            pending.reset();
            pending.write(all, at, all.length - at);
        }
    }
}
