package id.pantau.ingest.config;

import id.pantau.core.camera.CameraId;
import id.pantau.core.config.ConfigDef;
import id.pantau.core.config.Option;
import id.pantau.core.config.OptionType;
import id.pantau.core.config.Range;
import id.pantau.core.config.ReadBy;

import java.util.Map;

/**
 * The options of one camera in the camera list (ingest/README.md, generated table). {@link CameraSource}'s
 * defaults come from here; {@link CameraListLoader} adds the rules that join options (url or file, loop only
 * for a file, transport only for rtsp).
 */
public final class CameraListOptions {
    /** No camera is analysed, or kept for evidence, at more frames a second than a camera sends. */
    static final double MAX_FPS = 120;
    static final double MAX_SECONDS = 3600;

    public static final ConfigDef DEF = new ConfigDef("camera list entry");

    public static final Option ID = DEF.define(Option.of("id", OptionType.STRING).maxLength(64)
            .check(CameraListOptions::idProblem).defaultDoc("required")
            .doc("the camera's id: metric tag, Kafka key, the camera of its geometry and events").readBy(ReadBy.INGEST));
    public static final Option NAME = DEF.define(Option.of("name", OptionType.STRING).maxLength(100)
            .defaultDoc("the id").doc("what people call the camera, e.g. \"Simpang Kawat - arah utara\": console, logs")
            .readBy(ReadBy.INGEST));
    public static final Option URL = DEF.define(Option.of("url", OptionType.STRING).maxLength(2048)
            .doc("rtsp://, rtsps://, http:// (MJPEG) or https:// source; give url or file").readBy(ReadBy.INGEST));
    public static final Option FILE = DEF.define(Option.of("file", OptionType.PATH)
            .doc("a video file, relative to the camera list's folder; give url or file").readBy(ReadBy.INGEST));
    public static final Option TRANSPORT = DEF.define(Option.of("transport", OptionType.ENUM).defaultValue("tcp")
            .allowed("tcp", "udp").doc("RTSP transport (rtsp:// urls only)").readBy(ReadBy.INGEST));
    public static final Option ANALYSIS_FPS = DEF.define(Option.of("analysis_fps", OptionType.DOUBLE)
            .defaultValue(5.0).range(Range.above(0, MAX_FPS))
            .doc("frames a second of stream time handed to perception and analytics (the one analysis rate; see"
                    + " below)").readBy(ReadBy.INGEST));
    public static final Option MODE = DEF.define(Option.of("mode", OptionType.ENUM).defaultValue("realtime")
            .allowed("realtime", "fast").doc("file replay speed: realtime (like a camera) or fast (as fast as"
                    + " decoded)").readBy(ReadBy.INGEST));
    public static final Option LOOP = DEF.define(Option.of("loop", OptionType.BOOLEAN).defaultValue(false)
            .doc("replay a file forever, to simulate a live camera (files only)").readBy(ReadBy.INGEST));
    public static final Option STALL_TIMEOUT_S = DEF.define(Option.of("stall_timeout_s", OptionType.SECONDS)
            .defaultValue(5.0).range(Range.above(0, MAX_SECONDS))
            .doc("no frame for this long = disconnected: close and reconnect with back-off").readBy(ReadBy.INGEST));
    public static final Option RING_SECONDS = DEF.define(Option.of("ring_seconds", OptionType.SECONDS)
            .defaultValue(30.0).range(Range.from(0, MAX_SECONDS))
            .doc("how far back the evidence ring buffer reaches (the evidence stage widens it to its clip window"
                    + " plus the analytics' lag)").readBy(ReadBy.INGEST));
    public static final Option RING_FPS = DEF.define(Option.of("ring_fps", OptionType.DOUBLE)
            .derivedDefault(c -> c.doubleValue(CameraListOptions.ANALYSIS_FPS), "analysis_fps")
            .range(Range.above(0, MAX_FPS)).doc("frames a second kept in the ring buffer").readBy(ReadBy.INGEST));
    public static final Option RING_MAX_MB = DEF.define(Option.of("ring_max_mb", OptionType.DOUBLE)
            .defaultValue(64.0).range(Range.from(0, 4096))
            .doc("memory bound of the ring buffer (JPEG bytes); the oldest frames go first").readBy(ReadBy.INGEST));
    public static final Option JPEG_QUALITY = DEF.define(Option.of("jpeg_quality", OptionType.INT).defaultValue(85)
            .range(Range.closed(1, 100)).doc("JPEG quality of the ring buffer copies").readBy(ReadBy.INGEST));
    public static final Option QUEUE_CAPACITY = DEF.define(Option.of("queue_capacity", OptionType.INT)
            .defaultValue(3).range(Range.from(1, 1024))
            .doc("sampled frames waiting for analysis before the oldest is dropped (each waiting frame is latency:"
                    + " 3 at 5 fps = 0.6 s, and 2.8 MB of memory at 720p)").readBy(ReadBy.INGEST));
    public static final Option SKIP_NONREF_FRAMES = DEF.define(Option.of("skip_nonref_frames", OptionType.ENUM)
            .defaultValue("auto").allowed("auto", "on", "off").aliases(Map.of("true", "on", "false", "off"))
            .allowedText("auto, on or off")
            .doc("decoder skips frames no other frame refers to; auto: when analysis and ring keep <= 10 fps")
            .readBy(ReadBy.INGEST));
    public static final Option DECODE_THREADS = DEF.define(Option.of("decode_threads", OptionType.INT)
            .defaultValue(1).range(Range.closed(0, 16))
            .doc("FFmpeg decoder threads of this camera; 0 = FFmpeg's automatic count (cores + 1, with frame"
                    + " threading: more memory and a frame of delay per thread; only worth it with fewer cameras than"
                    + " cores). Each camera already decodes on a thread of its own").readBy(ReadBy.INGEST));
    public static final Option PRIORITY = DEF.define(Option.of("priority", OptionType.ENUM)
            .defaultValue("counting").allowed("counting", "enforcement")
            .doc("share of the analysis when the node is overloaded: an enforcement camera gets "
                    + AnalysisPriority.ENFORCEMENT_WEIGHT + " turns for each turn of a counting camera; no camera"
                    + " is ever starved").readBy(ReadBy.PERCEPTION));

    private CameraListOptions() {
    }

    private static String idProblem(Object id) {
        try {
            CameraId.of((String) id);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
