package id.pantau.ingest.worker;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Sees the camera's compressed video packets as the reader reads them, before they are decoded (the live view
 * remuxes them). Called on the camera's reader thread: it must be quick, never block, never keep the packet
 * (copy or reference it) and never throw (an exception is logged and the tap is skipped for that call).
 */
public interface PacketTap {
    /** A connection opened: the stream's codec parameters and time base for the packets that follow. */
    void opened(AVStream video);

    /** One video packet of the open connection. */
    void packet(AVPacket packet);

    /** The connection ended (drop, stall, end of file, stop). */
    void closed(String reason);
}
