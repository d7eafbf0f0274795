package id.pantau.detect.preprocess;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;
import id.pantau.detect.model.ModelFamily;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class LetterboxTest {

    @Test
    void topLeftPlacementForYoloxAndItsExactInverse() {
        try (LetterboxPreprocessor p = new LetterboxPreprocessor(416, 416, ModelFamily.YOLOX)) {
            Letterbox lb = p.placement(PixelRegion.whole(1280, 720));
            assertThat(lb.padX()).isZero();
            assertThat(lb.padY()).isZero();
            assertThat(lb.resizedWidth()).isEqualTo(416);
            assertThat(lb.resizedHeight()).isEqualTo(234);
            for (double x : new double[] {0, 17.5, 640, 1280}) {
                assertThat(lb.toSourceX(lb.toInputX(x))).isCloseTo(x, offset(1e-9));
                assertThat(lb.toSourceY(lb.toInputY(x * 720 / 1280))).isCloseTo(x * 720 / 1280, offset(1e-9));
            }
        }
    }

    @Test
    void centredPlacementForUltralyticsAndTileOffsets() {
        try (LetterboxPreprocessor p = new LetterboxPreprocessor(640, 640, ModelFamily.ULTRALYTICS)) {
            Letterbox lb = p.placement(new PixelRegion(480, 270, 480, 270));
            assertThat(lb.padX()).isZero();
            assertThat(lb.padY()).isEqualTo((640 - 360) / 2);
            // the tile's top-left corner maps to the top-left of the pasted image
            assertThat(lb.toSourceX(0)).isCloseTo(480, offset(1e-9));
            assertThat(lb.toSourceY(lb.padY())).isCloseTo(270, offset(1e-9));
            assertThat(lb.toSource(0, 0, 640, 640).x2()).isEqualTo(960);
        }
    }

    @Test
    void fillsTheTensorInTheFamilysChannelOrderScaleAndPadding() {
        // a 4x2 image: left half pure blue (B=255), right half pure red (R=200), BGR24
        ByteBuffer img = ByteBuffer.allocate(4 * 2 * 3);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.put((byte) (x < 2 ? 255 : 0)).put((byte) 0).put((byte) (x < 2 ? 0 : 200));
            }
        }
        img.flip();
        try (LetterboxPreprocessor yolox = new LetterboxPreprocessor(32, 32, ModelFamily.YOLOX);
             LetterboxPreprocessor ultra = new LetterboxPreprocessor(32, 32, ModelFamily.ULTRALYTICS)) {
            yolox.prepare(img, 4, 2, PixelRegion.whole(4, 2));
            FloatBuffer t = yolox.tensor();
            int plane = 32 * 32;
            assertThat(t.get(0)).as("B plane first, 0-255").isEqualTo(255f);
            assertThat(t.get(2 * plane + 31)).as("R plane, right edge").isEqualTo(200f);
            assertThat(t.get(31 * 32)).as("padding below the image").isEqualTo(114f);

            Letterbox lb = ultra.prepare(img, 4, 2, PixelRegion.whole(4, 2));
            FloatBuffer u = ultra.tensor();
            int row = (int) lb.padY();
            assertThat(lb.padY()).isEqualTo(8);
            assertThat(u.get(row * 32)).as("R plane first for RGB, left = blue = 0").isEqualTo(0f);
            assertThat(u.get(2 * plane + row * 32)).as("B plane last, /255").isEqualTo(1f);
            assertThat(u.get(0)).as("padding 114/255").isCloseTo(114f / 255f, offset(1e-6f));
        }
    }

    /**
     * On a real 720p frame, every tensor value against the plain per-pixel definition (the pre-processor it replaced
     * copied rows into Java arrays this way): OpenCV's bilinear resize of the frame, pasted at the placement, 114
     * around it, scaled and split into planes in the family's order.
     */
    @Test
    void theNativeTensorIsThePerPixelDefinitionOnARealFrame() {
        VideoFrame frame = ImageFiles.read(SharedData.data(
                "videos/labels/hanoi_cctv_lythuongkiet-hangbai_intersection_64s/frames/frame_0200.png"),
                CameraId.of("t"), 0);
        for (ModelFamily family : ModelFamily.values()) {
            int w = 416;
            int h = 320; // not square: rows and columns must not be swapped anywhere
            try (LetterboxPreprocessor p = new LetterboxPreprocessor(w, h, family);
                 Mat resized = new Mat()) {
                ByteBuffer direct = ByteBuffer.allocateDirect(frame.byteSize());
                direct.put(frame.pixels()).flip();
                PixelRegion region = new PixelRegion(40, 30, frame.width() - 80, frame.height() - 60);
                Letterbox lb = p.prepare(direct, frame.width(), frame.height(), region);
                try (BytePointer data = new BytePointer(direct);
                     Mat src = new Mat(frame.height(), frame.width(), CV_8UC3, data);
                     Rect r = new Rect(region.x(), region.y(), region.width(), region.height());
                     Mat crop = src.apply(r);
                     Size size = new Size(lb.resizedWidth(), lb.resizedHeight())) {
                    opencv_imgproc.resize(crop, resized, size, 0, 0, opencv_imgproc.INTER_LINEAR);
                }
                int plane = w * h;
                int[] planeOf = family.channelOrder() == ModelFamily.ChannelOrder.BGR
                        ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
                float scale = family.pixelScale();
                UByteIndexer px = resized.createIndexer();
                FloatBuffer t = p.tensor();
                int padX = (int) lb.padX();
                int padY = (int) lb.padY();
                long mismatches = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean inside = x >= padX && x < padX + lb.resizedWidth()
                                && y >= padY && y < padY + lb.resizedHeight();
                        for (int c = 0; c < 3; c++) {
                            float expected = (inside ? px.get(y - padY, x - padX, c) : 114) * scale;
                            if (t.get(planeOf[c] * plane + y * w + x) != expected) {
                                mismatches++;
                            }
                        }
                    }
                }
                px.close();
                assertThat(mismatches).as("%s: tensor values off the definition", family).isZero();
            }
        }
    }
}

