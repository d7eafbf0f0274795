package id.pantau.app;

import id.pantau.ingest.config.CameraListLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/jvm-memory.sh, which the launcher and the image use to size the JVM from the cameras a node runs: it must
 * count the cameras the real camera list loader finds, and grow the heap with them.
 */
class JvmMemoryScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("pantau.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static String bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", ". bin/jvm-memory.sh; " + script).directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void countsTheCamerasOfTheNodesCameraListAsTheLoaderDoes() throws Exception {
        Path list = ROOT.resolve("docker/config/cameras.yaml");
        int loaded = CameraListLoader.load(list).size();
        assertThat(bash("pantau_count_cameras run --cameras " + list)).isEqualTo(String.valueOf(loaded));

        // a node file naming its camera list relative to itself
        Files.writeString(dir.resolve("cams.yaml"), """
                cameras:
                  - id: a
                    url: rtsp://127.0.0.1/a
                  - id: b
                    url: rtsp://127.0.0.1/b
                    priority: enforcement
                  - id: c
                    url: rtsp://127.0.0.1/c
                """);
        assertThat(CameraListLoader.load(dir.resolve("cams.yaml"))).hasSize(3);
        Files.writeString(dir.resolve("node.yaml"), "cameras: cams.yaml\n");
        assertThat(bash("pantau_count_cameras run --config " + dir.resolve("node.yaml"))).isEqualTo("3");
        assertThat(bash("pantau_count_cameras bench --cameras 12 --seconds 10")).isEqualTo("12");
        assertThat(bash("pantau_count_cameras demo")).as("nothing to count: the default").isEqualTo("8");
    }

    @Test
    void theHeapAndDirectMemoryGrowWithTheCamerasNotWithTheMachine() throws Exception {
        assertThat(bash("pantau_jvm_memory_opts 12")).isEqualTo("-Xmx768m -XX:MaxDirectMemorySize=336m");
        assertThat(bash("pantau_jvm_memory_opts 1")).isEqualTo("-Xmx416m -XX:MaxDirectMemorySize=116m");
        // the launcher and the image both use it
        assertThat(Files.readString(ROOT.resolve("pantau"))).contains(". \"$HERE/bin/jvm-memory.sh\"")
                .contains("pantau_jvm_memory_opts");
        assertThat(Files.readString(ROOT.resolve("docker/Dockerfile")))
                .contains("ENTRYPOINT [\"/opt/pantau/bin/docker-entrypoint.sh\"]").doesNotContain("MaxRAMPercentage");
        assertThat(Files.readString(ROOT.resolve("bin/docker-entrypoint.sh")))
                .contains(". /opt/pantau/bin/jvm-memory.sh").contains("pantau_jvm_memory_opts");
    }
}
