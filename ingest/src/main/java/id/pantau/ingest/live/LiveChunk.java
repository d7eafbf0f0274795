package id.pantau.ingest.live;

/**
 * A piece of a camera's live fMP4 stream: the init segment, or one fragment (moof+mdat, one frame).
 *
 * @param bytes       the bytes to send, as they are
 * @param init        true for the init segment (ftyp+moov), which starts every stream
 * @param keyframe    true for a fragment a decoder can start from
 * @param mediaMicros the fragment's decoding time on the stream's media timeline (what the browser's
 *                    {@code video.currentTime} counts), 0 for the init segment
 * @param readMillis  when the reader got the frame from the camera (epoch ms), 0 for the init segment
 */
public record LiveChunk(byte[] bytes, boolean init, boolean keyframe, long mediaMicros, long readMillis) {
}
