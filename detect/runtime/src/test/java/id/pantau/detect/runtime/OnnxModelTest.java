package id.pantau.detect.runtime;

import id.pantau.core.asset.Assets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxModelTest {
    /**
     * Building an ONNX Runtime session for the y5fu detector from a plain JVM's main thread (default 1 MB stack,
     * as in {@code pantau plates}) died with SIGSEGV and no Java error; surefire's own JVM happens not to show
     * it, hence a child JVM with default settings.
     */
    @Test
    void loadsFromAPlainJvmsMainThread() throws Exception {
        Path file = Assets.defaults().model("plate_det_y5fu_320").path();
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
                "-cp", System.getProperty("java.class.path"), LoadModelMain.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
        assertThat(output).contains("rows=6300");
    }

    @Test
    void explainsAFileThatIsNotAModel() {
        Path notAModel = Path.of(System.getProperty("pantau.home"), "pom.xml");
        assertThatThrownBy(() -> OnnxModel.load("pom", notAModel, 1))
                .hasMessageContaining("cannot load model 'pom'").hasMessageContaining("pantau models --verify");
    }
}
