package id.pantau.detect.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One thread pushes frames (with traffic crossing the counting line, so events are produced) while another
 * saves new configuration versions to the store, whose listener swaps them into the engine. Every frame must be analysed, with exactly one version, and versions must
 * only move forward (each swap takes effect at a frame boundary and is never undone by a stale read).
 */
class LiveConfigSwapTest {
    private static final int FRAMES = 3000;
    private static final int VERSIONS = 12;

    @Test
    void swappingVersionsUnderLoadLosesNoFrameAndEveryResultCarriesTheVersionInForce(@TempDir Path dir)
            throws Exception {
        List<CameraConfig> drafts = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            int version = v;
            // each draft moves the counting line a little, as an operator re-drawing it would
            drafts.add(Scenario.config(n -> {
                n.remove("version");
                ((ArrayNode) n.at("/counting_lines/0/a")).removeAll().add(100).add(590 + version);
                ((ArrayNode) n.at("/counting_lines/0/b")).removeAll().add(1180).add(590 + version);
            }));
        }
        // the real path: saving to the versioned store puts the new version in force through its listener
        CameraConfigStore store = new CameraConfigStore(dir);
        Scenario s = new Scenario();
        store.onChange(s.engine::swapConfig);
        store.save(drafts.getFirst());
        AtomicLong analysed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);

        Thread swapper = Thread.ofPlatform().name("swapper").start(() -> {
            for (int v = 1; v < VERSIONS; v++) {
                long seen = analysed.get();
                while (analysed.get() < seen + 100 && done.getCount() > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
                try {
                    store.save(drafts.get(v));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        List<Vehicle> riders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            riders.add(new Vehicle(i, RoadUserClass.MOTORCYCLE));
        }
        for (int f = 0; f < FRAMES; f++) {
            List<TrackedObject> objs = new ArrayList<>();
            for (int i = 0; i < riders.size(); i++) {
                int phase = (f + i * 7) % 40;                  // each rider sweeps up over the line every 4 s
                if (phase == 0) {
                    riders.set(i, new Vehicle(1000L * (f + 1) + i, RoadUserClass.MOTORCYCLE));
                }
                objs.add(riders.get(i).at(200 + 100 * i, 700 - phase * 5));
            }
            s.frame(objs);
            analysed.incrementAndGet();
        }
        done.countDown();
        swapper.join(TimeUnit.SECONDS.toMillis(10));

        List<AnalysisResult> results = s.results;
        assertThat(results).hasSize(FRAMES).allMatch(AnalysisResult::analysed);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(results.get(i).sequence()).isEqualTo(i);
            if (i > 0) {
                assertThat(results.get(i).configVersion()).isGreaterThanOrEqualTo(results.get(i - 1).configVersion());
            }
            int version = results.get(i).configVersion();
            assertThat(results.get(i).events()).allMatch(e -> e.configVersion() == version);
        }
        assertThat(results.stream().map(AnalysisResult::configVersion).distinct().toList())
                .as("every stored version was in force for some frames").hasSize(VERSIONS)
                .containsExactlyElementsOf(store.versions(CameraId.of("test-cam")));
        assertThat(s.events()).as("traffic kept being counted across swaps").hasSizeGreaterThan(100);
    }
}
