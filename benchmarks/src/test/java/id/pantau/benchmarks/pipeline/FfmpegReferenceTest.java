package id.pantau.benchmarks.pipeline;

import id.pantau.core.asset.Assets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegReferenceTest {
    @Test
    void parsesFrameCountAndWallTimeFromFfmpegBenchmarkOutput() {
        String out = """
                frame=  300 fps=0.0 q=-0.0 size=N/A time=00:00:10.00 bitrate=N/A speed=  20x
                frame=  904 fps=301 q=-0.0 Lsize=N/A time=00:00:37.66 bitrate=N/A speed=12.5x
                bench: utime=5.120s stime=0.210s rtime=3.010s
                bench: maxrss=61234kB
                """;
        FfmpegReference.Run run = FfmpegReference.parse(out);
        assertThat(run.frames()).isEqualTo(904);
        assertThat(run.wallSeconds()).isEqualTo(3.010);
        assertThat(run.fps()).isBetween(300.0, 301.0);
    }

    @Test
    void outputWithoutBenchLinesIsAClearError() {
        assertThatThrownBy(() -> FfmpegReference.parse("Invalid data found when processing input"))
                .hasMessageContaining("no frame count or rtime");
    }

    @Test
    void decodesTheRealRoadClipWithTheFfmpegCli() throws Exception {
        var clip = Assets.defaults().data("videos/ahmetozlu_vehicle_survaillance_road_38s.mp4");
        FfmpegReference.Run run = new FfmpegReference("ffmpeg").decode(clip, 1);
        // 37.7 s at 24 fps, one frame dropped in the container after frame 17 (labels/README.md)
        assertThat(run.frames()).isBetween(890L, 910L);
        assertThat(run.fps()).isPositive();
    }
}
