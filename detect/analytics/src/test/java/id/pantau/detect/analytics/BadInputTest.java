package id.pantau.detect.analytics;

import id.pantau.core.camera.CameraId;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Input the configuration does not fit is refused per frame, without stopping the camera's analytics. */
class BadInputTest {

    @Test
    void aFrameOfTheWrongSizeIsNotAnalysedAndTheNextGoodOneIs() {
        Scenario s = new Scenario();
        Vehicle v = new Vehicle(1, RoadUserClass.CAR);
        TrackedFrame wrong = new TrackedFrame(CameraId.of("test-cam"), 0, Scenario.at(0), 1920, 1080,
                List.of(v.at(600, 900)), true);
        AnalysisResult r = s.engine.analyse(wrong, null);
        assertThat(r.analysed()).isFalse();
        assertThat(r.events()).isEmpty();
        s.frame(List.of(v.at(600, 680)));
        s.frame(List.of(v.at(600, 640)));
        s.frame(List.of(v.at(600, 560)));
        assertThat(s.results).allMatch(AnalysisResult::analysed);
        assertThat(s.events(LineCrossing.class)).hasSize(1);
    }

    @Test
    void aConfigurationForAnotherCameraIsRefused() {
        Scenario s = new Scenario();
        assertThatThrownBy(() -> s.engine.swapConfig(Scenario.config(n -> n.put("camera", "other-cam"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other-cam");
        assertThat(s.engine.config().camera()).isEqualTo("test-cam");
    }
}
