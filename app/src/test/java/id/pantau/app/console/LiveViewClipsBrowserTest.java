package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.worker.CameraWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shared clip (Baseline, Main and High profile H.264, with and without B-frames, 6 to 30 fps) plays on the
 * live wall of a real headless Chromium, all six at once: each remuxed stream is accepted by its Media Source and
 * frames advance.
 */
class LiveViewClipsBrowserTest {
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        rig = new ConsoleTestRig(dir);
        browser = HeadlessChromium.start(HeadlessChromium.withAutoplay(HeadlessChromium.options(1200, 900)));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        HeadlessChromium.signIn(browser, wait, rig.url, "operator1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-page='live']")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        rig.close();
    }

    static final List<String> CLIPS = List.of("ahmetozlu_vehicle_survaillance_road_38s.mp4",
            "degirum_Traffic2_asia_roundabout_motorcycles_14s.mp4", "degirum_Traffic_highway_11s.mp4",
            "hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4", "intel_car-detection_parkinglot_30s.mp4",
            "opencv_zoo_TestV4_street_london.mp4");

    /**
     * All six on one wall: more cameras than the six connections a browser opens to a server, so this also shows
     * the wall's single multiplexed stream at work (a stream per camera would leave some waiting).
     */
    @Test
    void everySharedClipPlaysAtOnceOnTheWall() throws Exception {
        List<CameraSource> cams = new java.util.ArrayList<>();
        for (String clip : CLIPS) {
            cams.add(CameraSource.builder(id(clip), SharedVideoSnapshots.video(clip).toString())
                    .pacing(Pacing.REALTIME).loop(true).analysisFps(1).queueCapacity(1).ringMaxBytes(0).build());
        }
        try (IngestManager ingest = new IngestManager(cams, rig.registry)) {
            for (CameraWorker w : ingest.cameras()) {
                LiveFeed feed = new LiveFeed(w.id(), rig.registry);
                w.tap(feed);
                rig.backend.live(feed);
                rig.backend.camera(new CameraStatus(w.id().value(), "STREAMING", true, 25, 0, 0, 0, 0), null);
            }
            ingest.start();
            browser.get(rig.url + "/#/live");
            for (String clip : CLIPS) {
                String id = id(clip);
                wait.until(d -> "playing".equals(d.findElement(By.cssSelector("#live-" + id + " .live-state"))
                        .getAttribute("data-state")));
            }
            java.util.Map<String, Long> frames0 = new java.util.HashMap<>();
            java.util.Map<String, Double> time0 = new java.util.HashMap<>();
            for (String clip : CLIPS) {
                frames0.put(clip, frames(id(clip)));
                time0.put(clip, time(id(clip)));
            }
            Thread.sleep(3000);
            for (String clip : CLIPS) {
                String id = id(clip);
                assertThat(time(id)).as(clip + ": the clock advances").isGreaterThan(time0.get(clip) + 1.0);
                assertThat(frames(id)).as(clip + ": decoded frames").isGreaterThan(frames0.get(clip) + 5);
                assertThat(browser.executeScript("return document.querySelector('#live-" + id + " video').error"))
                        .as(clip + ": no media error").isNull();
            }
            Files.createDirectories(Path.of("target"));
            HeadlessChromium.screenshot(browser, "console-live-wall-six.png");
            browser.get(rig.url + "/#/cameras");   // stop the players before the cameras go
        }
    }

    private static String id(String clip) {
        return "clip-" + clip.substring(0, clip.indexOf('_')).toLowerCase(java.util.Locale.ROOT)
                + "-" + Math.abs(clip.hashCode() % 1000);
    }

    private static long frames(String id) {
        return ((Number) browser.executeScript("return document.querySelector('#live-" + id
                + " video').getVideoPlaybackQuality().totalVideoFrames")).longValue();
    }

    private static double time(String id) {
        return ((Number) browser.executeScript("return document.querySelector('#live-" + id + " video').currentTime"))
                .doubleValue();
    }
}
