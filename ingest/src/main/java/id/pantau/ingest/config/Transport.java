package id.pantau.ingest.config;

/** RTSP media transport. TCP (interleaved) survives NAT and packet loss; UDP has less latency on a clean LAN. */
public enum Transport {
    TCP, UDP;

    /** The value of FFmpeg's {@code rtsp_transport} option. */
    public String ffmpegName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
