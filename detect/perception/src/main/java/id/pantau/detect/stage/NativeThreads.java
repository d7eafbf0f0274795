package id.pantau.detect.stage;

import org.bytedeco.opencv.global.opencv_core;

/**
 * OpenCV's own thread pool, for a node that analyses many cameras.
 *
 * <p>Why: OpenCV splits each call (the motion gate's MOG2, resizes) over every core by default. With the cameras'
 * frames already analysed in parallel on one thread per core ({@link FairFrameScheduler}), that second layer of
 * threads only adds hand-offs and waiting: measured on the 720p street clip, the motion gate on its 320 px luma
 * costs 2.7 ms of CPU a frame on one OpenCV thread against 3.6 ms on two (2 cores). Process-wide.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /** Each OpenCV call runs on its caller's thread. */
    public static void oneOpenCvThreadPerCaller() {
        opencv_core.setNumThreads(1);
    }
}
