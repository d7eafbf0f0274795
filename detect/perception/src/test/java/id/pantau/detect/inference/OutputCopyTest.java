package id.pantau.detect.inference;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;
import id.pantau.detect.preprocess.PixelRegion;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the model's output into Java costs one copy of it. DJL's {@code NDArray.toFloatArray()} made two (a heap
 * ByteBuffer, then a float[]): 2.42 MB of garbage per YOLOX-nano inference where a bare ONNX Runtime session makes
 * 1.21 MB.
 */
class OutputCopyTest {
    private static final String FRAME = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/frames/frame_0100.png";
    private static final long OUTPUT_BYTES = 3549L * 85 * Float.BYTES;

    @Test
    void oneInferenceAllocatesOneCopyOfTheOutput() {
        OnnxDetector d = SharedData.yoloxNano();
        VideoFrame f = ImageFiles.read(SharedData.data(FRAME), CameraId.of("road"), 100);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        StagedInference slot = d.staged();
        try {
            slot.preprocess(f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(), f.height()));
            for (int i = 0; i < 5; i++) {
                slot.infer();
            }
            int runs = 10;
            long before = threads.getThreadAllocatedBytes(thread);
            RawOutput last = null;
            for (int i = 0; i < runs; i++) {
                last = slot.infer();
            }
            long perInference = (threads.getThreadAllocatedBytes(thread) - before) / runs;
            System.out.printf("heap allocated per inference: %d bytes (output %d bytes)%n", perInference,
                    OUTPUT_BYTES);
            assertThat(last.data()).hasSize(3549 * 85);
            assertThat(last.shape()).containsExactly(1, 3549, 85);
            assertThat(perInference).isBetween(OUTPUT_BYTES, OUTPUT_BYTES * 5 / 4);
        } finally {
            slot.close();
        }
    }
}
