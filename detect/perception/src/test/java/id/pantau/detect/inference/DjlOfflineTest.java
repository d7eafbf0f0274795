package id.pantau.detect.inference;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DJL never reaches the network when Pantau loads a model. Each case runs {@link OfflineProbe} in a fresh JVM (no
 * other test has initialised DJL there) that records and refuses every socket and proxied URL before a packet
 * leaves. The control case shows the recorder does catch DJL's telemetry when the offline switches are off.
 */
class DjlOfflineTest {
    private static final String IMAGE = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/frames/frame_0100.png";

    @Test
    void pantauLoadsTheLocalModelWithoutAnyNetworkAttempt() throws Exception {
        List<String> out = probe("pantau", IMAGE);
        assertThat(out).contains("DONE");
        assertThat(out).filteredOn(l -> l.startsWith("URI ") || l.startsWith("SOCKET "))
                .as("network attempts").isEmpty();
        assertThat(out).as("ai.djl.offline and OPT_OUT_TRACKING set").contains("OFFLINE true true");
        assertThat(out).as("the model ran from the local file").anyMatch(l -> l.startsWith("DETECTIONS ")
                && !l.equals("DETECTIONS 0"));
    }

    @Test
    void theRecorderDoesSeeDjlTelemetryWhenTheSwitchesAreOff() throws Exception {
        List<String> out = probe("bare-engine", "");
        assertThat(out).contains("DONE");
        assertThat(out).anyMatch(l -> l.startsWith("SOCKET ") && l.contains("169.254.169.254"));
    }

    private static List<String> probe(String mode, String image) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dpantau.shared=" + System.getProperty("pantau.shared"), "-Dpantau.offline=true",
                OfflineProbe.class.getName(), mode, image));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPT_OUT_TRACKING");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = text.lines().toList();
        System.out.println("offline probe (" + mode + ", exit " + p.exitValue() + "): " + lines.stream()
                .filter(l -> l.matches("^(URI|SOCKET|DONE|OFFLINE|DETECTIONS).*")).toList());
        return lines;
    }
}
