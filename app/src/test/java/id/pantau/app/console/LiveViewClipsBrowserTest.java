package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.worker.CameraWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shared clip (Baseline, Main and High profile H.264, with and without B-frames, 6 to 30 fps) plays in the
 * single live view of a real headless Chromium: the remuxed stream is accepted by its Media Source and frames
 * advance.
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
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1200,900", "--autoplay-policy=no-user-gesture-required",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), o);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(rig.url + "/");
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
        browser.get(rig.url + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("operator1");
        browser.findElement(By.id("password")).sendKeys(ConsoleTestRig.PASSWORD);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-page='live']")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        rig.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ahmetozlu_vehicle_survaillance_road_38s.mp4",
            "degirum_Traffic2_asia_roundabout_motorcycles_14s.mp4", "degirum_Traffic_highway_11s.mp4",
            "hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4", "intel_car-detection_parkinglot_30s.mp4",
            "opencv_zoo_TestV4_street_london.mp4"})
    void theClipPlaysInTheSingleView(String clip) throws Exception {
        String id = "clip-" + clip.substring(0, clip.indexOf('_')).toLowerCase(java.util.Locale.ROOT)
                + "-" + Math.abs(clip.hashCode() % 1000);
        CameraSource cam = CameraSource.builder(id, SharedVideoSnapshots.video(clip).toString())
                .pacing(Pacing.REALTIME).loop(true).analysisFps(1).queueCapacity(1).build();
        try (IngestManager ingest = new IngestManager(List.of(cam), rig.registry)) {
            CameraWorker w = ingest.camera(CameraId.of(id));
            LiveFeed feed = new LiveFeed(w.id(), rig.registry);
            w.tap(feed);
            rig.backend.live(feed);
            rig.backend.camera(new CameraStatus(id, "STREAMING", true, 25, 0, 0, 0, 0), null);
            ingest.start();
            browser.get(rig.url + "/#/live/" + id);
            wait.until(d -> "playing".equals(d.findElement(By.cssSelector("#live-" + id + " .live-state"))
                    .getAttribute("data-state")));
            long frames0 = frames(id);
            double t0 = time(id);
            Thread.sleep(2000);
            assertThat(time(id)).as(clip + ": the clock advances").isGreaterThan(t0 + 1.0);
            assertThat(frames(id)).as(clip + ": decoded frames").isGreaterThan(frames0 + 5);
            assertThat(browser.executeScript("return document.querySelector('#live-" + id + " video').error"))
                    .as(clip + ": no media error").isNull();
            browser.get(rig.url + "/#/cameras");   // stop the player before the camera goes
        }
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
