package id.pantau.ingest.config;

import id.pantau.ingest.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraListLoaderTest {

    private static final String VALID = """
            cameras:
              - id: simpang-kawat-1
                name: Simpang Kawat - arah utara
                url: rtsp://127.0.0.1:8554/cam1
                transport: udp
                analysis_fps: 8
                stall_timeout_s: 3
                ring_seconds: 20
                ring_fps: 10
                ring_max_mb: 16
                jpeg_quality: 70
                queue_capacity: 4
                skip_nonref_frames: off
                decode_threads: 0
                priority: enforcement
              - id: demo-road
                file: videos/road.mp4
                mode: fast
                loop: true
              - id: mjpeg-gate
                url: http://127.0.0.1:8080/video.mjpg
            """;

    @Test
    void loadsAValidYamlFileWithDefaultsAndRelativePaths(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cameras.yaml");
        Files.writeString(file, VALID);
        List<CameraSource> cams = CameraListLoader.load(file);
        assertThat(cams).hasSize(3);

        CameraSource rtsp = cams.get(0);
        assertThat(rtsp.id().value()).isEqualTo("simpang-kawat-1");
        assertThat(rtsp.name()).isEqualTo("Simpang Kawat - arah utara");
        assertThat(rtsp.kind()).isEqualTo(SourceKind.RTSP);
        assertThat(rtsp.transport()).isEqualTo(Transport.UDP);
        assertThat(rtsp.analysisFps()).isEqualTo(8);
        assertThat(rtsp.stallTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(rtsp.ringWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(rtsp.ringFps()).isEqualTo(10);
        assertThat(rtsp.ringMaxBytes()).isEqualTo(16L << 20);
        assertThat(rtsp.jpegQuality()).isEqualTo(70);
        assertThat(rtsp.queueCapacity()).isEqualTo(4);
        assertThat(rtsp.skipNonReference()).isEqualTo(DecodeSkip.OFF);
        assertThat(rtsp.skipsNonReferenceFrames()).isFalse();
        assertThat(rtsp.decodeThreads()).isZero();
        assertThat(rtsp.priority()).isEqualTo(AnalysisPriority.ENFORCEMENT);
        assertThat(cams.get(1).decodeThreads()).as("default: one decoder thread").isEqualTo(1);
        assertThat(cams.get(1).priority()).isEqualTo(AnalysisPriority.COUNTING);

        CameraSource file2 = cams.get(1);
        assertThat(file2.name()).as("no name: the id").isEqualTo(file2.id().value());
        assertThat(file2.kind()).isEqualTo(SourceKind.FILE);
        assertThat(file2.input()).isEqualTo(dir.resolve("videos/road.mp4").toString());
        assertThat(file2.pacing()).isEqualTo(Pacing.FAST);
        assertThat(file2.loop()).isTrue();
        assertThat(file2.analysisFps()).isEqualTo(CameraSource.DEFAULT_ANALYSIS_FPS);
        assertThat(file2.ringFps()).isEqualTo(CameraSource.DEFAULT_ANALYSIS_FPS);
        // auto: 5 fps analysis and ring are within the automatic limit, so non-reference frames are skipped
        assertThat(file2.skipNonReference()).isEqualTo(DecodeSkip.AUTO);
        assertThat(file2.skipsNonReferenceFrames()).isTrue();
        assertThat(file2.toBuilder().analysisFps(15).build().skipsNonReferenceFrames()).isFalse();

        assertThat(cams.get(2).kind()).isEqualTo(SourceKind.HTTP_MJPEG);
        assertThat(cams.get(2).transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void loadsJsonToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cameras.json");
        Files.writeString(file, """
                {"cameras": [{"id": "cam1", "url": "rtsp://127.0.0.1:554/x", "analysis_fps": 2.5}]}
                """);
        assertThat(CameraListLoader.load(file)).singleElement()
                .satisfies(c -> assertThat(c.analysisFps()).isEqualTo(2.5));
    }

    private static List<String> problemsOf(String yaml) {
        try {
            CameraListLoader.parse(yaml, true, Path.of("/cfg"), "test.yaml");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the config to be rejected");
    }

    @Test
    void everyValueProblemIsReportedWithItsField() {
        List<String> problems = problemsOf("""
                cameras:
                  - id: ok-1
                    url: rtsp://127.0.0.1/a
                  - id: ok-2
                    file: a.mp4
                  - id: bad
                    url: rtsp://127.0.0.1/b
                    analysis_fps: -1
                    transport: sctp
                    stall_timeout_s: 0
                    queue_capacity: 0
                    jpeg_quality: 101
                    skip_nonref_frames: sometimes
                    loop: true
                  - id: Bad Id
                    file: x.mp4
                    mode: slow
                  - id: ok-1
                    url: ftp://example/x
                  - id: nothing
                """);
        assertThat(problems).containsExactlyInAnyOrder(
                "cameras[2].analysis_fps: must be > 0, got -1",
                "cameras[2].transport: must be tcp|udp, got 'sctp'",
                "cameras[2].stall_timeout_s: must be > 0, got 0",
                "cameras[2].queue_capacity: must be >= 1, got 0",
                "cameras[2].jpeg_quality: must be 1..100, got 101",
                "cameras[2].skip_nonref_frames: must be auto, on or off, got 'sometimes'",
                "cameras[2].loop: only a file can loop, this camera has a url",
                "cameras[3].id: camera id 'Bad Id' must be 1-63 lower-case letters, digits, '-' or '_', "
                        + "starting with a letter or digit",
                "cameras[3].mode: must be realtime|fast, got 'slow'",
                "cameras[4].url: must start with rtsp://, rtsps://, http:// or https://, got 'ftp://example/x' "
                        + "(use file: for a video file)",
                "cameras[4].id: duplicate id 'ok-1'",
                "cameras[5]: needs url (rtsp://..., http://...) or file (a video path)");
    }

    @Test
    void everyNumberIsBoundedAbove() {
        assertThat(problemsOf("""
                cameras:
                  - id: a
                    url: rtsp://127.0.0.1/a
                    analysis_fps: 1e308
                    stall_timeout_s: 86400
                    ring_max_mb: 1e9
                    queue_capacity: 100000
                """)).containsExactlyInAnyOrder(
                "cameras[0].analysis_fps: must be <= 120, got 1.0E308",
                "cameras[0].stall_timeout_s: must be <= 3600, got 86400",
                "cameras[0].ring_max_mb: must be <= 4096, got 1000000000",
                "cameras[0].queue_capacity: must be <= 1024, got 100000");
    }

    @Test
    void anUnknownFieldIsNamedWithItsPath() {
        assertThat(problemsOf("""
                cameras:
                  - id: a
                    url: rtsp://127.0.0.1/a
                  - id: b
                    url: rtsp://127.0.0.1/b
                    analysis_fsp: 5
                """)).singleElement().asString()
                .startsWith("cameras[1].analysis_fsp: unknown field (known fields: analysis_fps, decode_threads, file, id,");
    }

    @Test
    void aWrongTypeIsNamedWithItsPath() {
        assertThat(problemsOf("""
                cameras:
                  - id: a
                    url: rtsp://127.0.0.1/a
                    analysis_fps: fast
                """)).containsExactly("cameras[0].analysis_fps: expected a number, got 'fast'");
    }

    @Test
    void anEmptyListAndBrokenSyntaxAreRejectedClearly() {
        assertThat(problemsOf("cameras: []\n")).containsExactly("cameras: must list at least one camera");
        assertThat(problemsOf("cameras: [ {id: a, url: \"rtsp://x\"\n")).singleElement().asString()
                .startsWith("syntax error at line");
        assertThat(problemsOf("cameras:\n  - id: [1, 2]\n    url: rtsp://127.0.0.1/a\n"))
                .containsExactly("cameras[0].id: expected a text value");
    }

    @Test
    void aMissingConfigFileSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> CameraListLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found: ");
    }

    @Test
    void demoCamerasAreEverySharedVideoAsALoopingRealtimeFileCamera() throws Exception {
        List<CameraSource> demo = DemoCameras.fromVideos(SharedData.videosDir());
        long mp4s;
        try (var files = Files.list(SharedData.videosDir())) {
            mp4s = files.filter(p -> p.toString().endsWith(".mp4")).count();
        }
        assertThat(demo).hasSize((int) mp4s).isNotEmpty();
        assertThat(demo).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(SourceKind.FILE);
            assertThat(c.loop()).isTrue();
            assertThat(c.pacing()).isEqualTo(Pacing.REALTIME);
            assertThat(Path.of(c.input())).isRegularFile();
        });
        assertThat(demo).extracting(c -> c.id().value()).contains("opencv_zoo_testv4_street_london").doesNotHaveDuplicates();
    }
}
