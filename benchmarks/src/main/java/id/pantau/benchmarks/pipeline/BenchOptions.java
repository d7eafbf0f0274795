package id.pantau.benchmarks.pipeline;

import id.pantau.ingest.config.DecodeSkip;

import java.nio.file.Path;

/**
 * What {@code ./pantau bench} was asked to do.
 *
 * @param input            the footage every simulated camera plays
 * @param cameras          N: the requested number of cameras (the sweep's last point)
 * @param seconds          measured window of each pipeline run
 * @param warmupSeconds    time after all cameras stream before measuring
 * @param analysisFps      frames per second each camera hands to analysis (the rate to hold)
 * @param rtsp             serve the footage through the real RTSP server
 * @param sweep            run N = 1, 2, 4, ... up to {@code cameras} to find the largest N that holds
 * @param repetitions      repetitions of each reference comparison (the median is reported)
 * @param ffmpeg           the FFmpeg executable for the decode reference
 * @param decodeThreads    decoder threads for both FFmpeg and each camera's decoder (0 = FFmpeg's automatic
 *                         choice; a camera's default is 1, {@code decode_threads})
 * @param decodeLoops      the clip is repeated this many times (packet copy) for the decode comparison
 * @param inferenceThreads ONNX Runtime intra-op threads per inference
 * @param concurrency      inferences that may run at once (detector slots)
 * @param analytics        run the AnalyticsEngine after tracking (false: perception only)
 * @param motionGate       let the motion gate skip the detector on still frames (false: detect every frame)
 * @param evidenceRing     keep the evidence ring (JPEG copies of recent frames) as ingest does by default; false
 *                         measures what the ring's encoding costs
 * @param model            the YOLOX ONNX model file
 * @param decodeSkip       the cameras' skipping of non-reference frames (AUTO: as a camera is configured by default)
 * @param overload         after the sweep, run 1.5x and 2x the cameras held (the overload curve)
 */
public record BenchOptions(Path input, int cameras, double seconds, double warmupSeconds, double analysisFps,
                           boolean rtsp, boolean sweep, int repetitions, String ffmpeg, int decodeThreads,
                           int decodeLoops, int inferenceThreads, int concurrency, boolean analytics, boolean motionGate,
                           boolean evidenceRing, Path model, DecodeSkip decodeSkip, boolean overload) {
    public BenchOptions {
        require(cameras >= 1, "--cameras must be at least 1, got " + cameras);
        require(seconds > 0, "--seconds must be positive, got " + seconds);
        require(warmupSeconds >= 0, "--warmup must be zero or positive, got " + warmupSeconds);
        require(analysisFps > 0, "--fps must be positive, got " + analysisFps);
        require(repetitions >= 1, "--repetitions must be at least 1, got " + repetitions);
        require(decodeThreads >= 0, "--decode-threads must be 0 (automatic) or more, got " + decodeThreads);
        require(decodeLoops >= 1, "--decode-loops must be at least 1, got " + decodeLoops);
        require(inferenceThreads >= 1, "--inference-threads must be at least 1, got " + inferenceThreads);
        require(concurrency >= 1, "--concurrency must be at least 1, got " + concurrency);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
