package id.pantau.detect.plate;

import id.pantau.core.asset.Assets;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scene path on real city CCTV (Hanoi intersection, 640x480): plates are found on the near cars. The plates
 * there are Vietnamese, so what matters here is that they are located and that a plate outside the Indonesian
 * grammar is never forced into a confident Indonesian reading.
 */
class CctvPlateTest {
    private static final Logger log = LoggerFactory.getLogger(CctvPlateTest.class);

    @Test
    void findsPlatesOnCityCctvFrames() throws Exception {
        Path video = Assets.defaults().data("videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        PlateReader reader = SharedReader.get();
        List<PlateReading> all = new ArrayList<>();
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            for (long second = 2; second <= 62; second += 6) {
                grabber.setTimestamp(second * 1_000_000L);
                Frame f = grabber.grabImage();
                if (f == null) {
                    break;
                }
                frames++;
                Mat image = toMat.convert(f);
                List<PlateReading> plates = reader.readScene(image);
                log.info("t={}s: {}", second, plates);
                all.addAll(plates);
            }
            grabber.stop();
        }
        assertThat(frames).isGreaterThanOrEqualTo(10);
        assertThat(all).as("plates found on %d CCTV frames", frames).hasSizeGreaterThanOrEqualTo(3);
        assertThat(all).allSatisfy(r -> assertThat(r.crop().getHeight()).isEqualTo(PlateReaderSettings.defaults().plateHeight()));
        long forced = all.stream().filter(PlateReading::isRead).count();
        assertThat(forced).as("Vietnamese plates read as Indonesian ones").isLessThanOrEqualTo(all.size() / 10);
    }
}
