package id.pantau.detect.plate;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The vehicle-box entry point on real photos: the plate must be found inside the box and its box reported. */
class PlateReaderTest {
    @Test
    void findsThePlateInsideAVehicleBoxOfAVideoFrame() {
        PlateReader reader = SharedReader.get();
        List<PlateData.Scene> scenes = PlateData.europeanScenes().subList(0, 12);
        int located = 0;
        for (PlateData.Scene scene : scenes) {
            VideoFrame frame;
            try (Mat image = MatImages.read(scene.image())) {
                frame = new VideoFrame(CameraId.of("test"), 0, Instant.EPOCH, 0, image.cols(), image.rows(),
                        ByteBuffer.wrap(MatImages.bytes(image)));
            }
            // the car fills the photo: a vehicle box a tracker would give, a little inside the picture
            BoundingBox vehicle = new BoundingBox(frame.width() * 0.02, frame.height() * 0.02, frame.width() * 0.98,
                    frame.height() * 0.98);
            Optional<PlateReading> r = reader.read(frame, vehicle);
            if (r.isPresent() && r.get().box().iou(scene.plate()) > 0.3) {
                located++;
                assertThat(r.get().crop().getHeight()).isEqualTo(PlateReaderSettings.defaults().plateHeight());
            }
        }
        assertThat(located).as("plates located within vehicle boxes").isGreaterThanOrEqualTo(10);
    }

    @Test
    void readsAFrameWhosePixelsStartInsideALargerBuffer() {
        PlateData.Scene scene = PlateData.europeanScenes().getFirst();
        try (Mat image = MatImages.read(scene.image())) {
            byte[] px = MatImages.bytes(image);
            ByteBuffer shifted = ByteBuffer.allocate(px.length + 100).position(100);
            shifted.put(px).position(100);
            VideoFrame frame = new VideoFrame(CameraId.of("test"), 0, Instant.EPOCH, 0, image.cols(), image.rows(),
                    shifted);
            BoundingBox all = new BoundingBox(0, 0, image.cols(), image.rows());
            Optional<PlateReading> fromFrame = SharedReader.get().read(frame, all);
            Optional<PlateReading> fromMat = SharedReader.get().read(image, all);
            assertThat(fromFrame).isPresent();
            assertThat(fromFrame.get().box()).isEqualTo(fromMat.orElseThrow().box());
            assertThat(fromFrame.get().text()).isEqualTo(fromMat.get().text());
        }
    }

    @Test
    void reportsNoPlateWhereThereIsNone() {
        PlateReader reader = SharedReader.get();
        PlateData.Scene scene = PlateData.europeanScenes().getFirst();
        try (Mat image = MatImages.read(scene.image())) {
            // the top-left corner, well away from the labelled plate
            BoundingBox empty = new BoundingBox(0, 0, Math.min(scene.plate().x1(), 120), Math.min(scene.plate().y1(), 80));
            assertThat(reader.read(image, empty)).isEmpty();
            assertThat(reader.read(image, new BoundingBox(5, 5, 7, 7))).as("a box too small to hold a plate").isEmpty();
        }
    }

    @Test
    void readsAnIndonesianCropUnderTheGrammar() {
        PlateData.Crop crop = PlateData.indonesianCrops().getFirst();
        try (Mat image = MatImages.read(crop.image())) {
            PlateReading r = SharedReader.get().readPlate(image);
            assertThat(r.alternatives()).isNotEmpty();
            assertThat(r.alternatives().getFirst().text()).isEqualTo(crop.text());
            if (r.isRead()) {
                assertThat(r.text()).contains(crop.text());
                assertThat(r.characterConfidences()).hasSize(crop.text().replace(" ", "").length());
                assertThat(r.confidence()).isBetween(PlateReaderSettings.defaults().minConfidence(), 1.0);
            } else {
                assertThat(r.status()).isEqualTo(PlateStatus.UNCERTAIN);
                assertThat(r.text()).isEmpty();
            }
        }
    }
}
