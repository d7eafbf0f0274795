package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.core.event.SignalChange;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.sim.GstRtspServer;
import id.pantau.ingest.worker.CameraWorker;
import id.pantau.ingest.worker.ReconnectBackoff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static id.pantau.app.console.ConsoleTestRig.HANOI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view in a real headless Chromium against a real camera: GStreamer's RTSP server plays the Hanoi clip,
 * a real camera reader tees its packets into the live feed, and the page plays them through Media Source
 * Extensions. The wall plays (frames advance, within 1.5 s of the camera), the camera without a live stream shows
 * its fallback, the single view draws the overlay, a camera that drops shows it and plays again without a reload,
 * and a signed-out token is sent to the login.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveViewBrowserTest {
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static GstRtspServer rtsp;
    static IngestManager ingest;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        ConsoleApi.liveTokenCheckMillis = 1_000;
        rig = new ConsoleTestRig(dir);
        rtsp = GstRtspServer.start(Map.of("hanoi", SharedVideoSnapshots.video(SharedVideoSnapshots.HANOI)));
        CameraSource cam = CameraSource.builder(HANOI, rtsp.url("hanoi")).transport(Transport.TCP)
                .stallTimeout(Duration.ofSeconds(2)).analysisFps(1).queueCapacity(1).build();
        ingest = new IngestManager(List.of(cam), rig.registry,
                new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0.2), Clock.systemUTC());
        CameraWorker w = ingest.camera(CameraId.of(HANOI));
        LiveFeed feed = new LiveFeed(w.id(), rig.registry);
        w.tap(feed);
        rig.backend.live(feed);
        // a camera this node has a snapshot of but no live stream for (an MJPEG camera, say)
        rig.backend.camera(new CameraStatus("snapshot-only", "STREAMING 640x480 @ 6.00 fps", true, 6.0, 640, 480, 120, 0),
                rig.snapshots.getFirst());
        ingest.start();

        browser = HeadlessChromium.start(HeadlessChromium.withAutoplay(HeadlessChromium.options(1400, 1000)));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (rtsp != null) {
            rtsp.close();
        }
        rig.close();
        ConsoleApi.liveTokenCheckMillis = 30_000;
    }

    @Test
    @Order(1)
    void theChromiumHereCanPlayH264ThroughMediaSource() {
        browser.get(rig.url + "/");
        Object supported = browser.executeScript(
                "return !!window.MediaSource && MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.4d401e\"')");
        assertThat(supported).as("H.264 in MSE (without it the page falls back to snapshots)").isEqualTo(true);
    }

    @Test
    @Order(2)
    void theWallPlaysTheCameraLiveWithinOneAndAHalfSecondsAndFallsBackToSnapshotsElsewhere() throws Exception {
        signIn("police1");
        browser.get(rig.url + "/#/live");
        waitForState(HANOI, "playing");
        // frames advance: the decoder keeps presenting new pictures and the clock moves
        double t0 = currentTime(HANOI);
        long frames0 = decodedFrames(HANOI);
        Thread.sleep(2500);
        assertThat(currentTime(HANOI)).isGreaterThan(t0 + 1.5);
        // at the camera's rate: the clip has 6 fps, 15 frames in 2.5 s (70 % of it, for a busy machine)
        assertThat(decodedFrames(HANOI) - frames0).as("frames decoded in 2.5 s").isGreaterThanOrEqualTo(10);
        long latency = latencyMs(HANOI);
        assertThat(latency).as("glass-to-glass on loopback (camera read to picture on screen), ms")
                .isBetween(-200L, 1500L);
        System.out.println("live view latency on loopback: " + latency + " ms");
        // a camera without a live stream shows its snapshot instead; one without any frame says so
        waitForState("snapshot-only", "snapshot");
        wait.until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                "const i = document.querySelector('#live-snapshot-only img'); return !i.hidden && i.naturalWidth === 640")));
        waitForState("simpang-kawat-n", "snapshot");
        HeadlessChromium.screenshot(browser, "console-live-wall.png");
        // the wall in English after the switch (it draws again and plays again), then in Indonesian
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Live view"));
        waitForState(HANOI, "playing");
        waitForState("snapshot-only", "snapshot");
        assertThat(browser.findElement(By.cssSelector("#live-" + HANOI + " .live-state")).getText()).isEqualTo("Live");
        assertThat(browser.findElement(By.cssSelector("#live-snapshot-only .live-state")).getText())
                .startsWith("Live stream unavailable");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Tayangan langsung"));
        waitForState(HANOI, "playing");
        assertThat(browser.findElement(By.cssSelector("#live-" + HANOI + " .live-state")).getText()).isEqualTo("Siaran langsung");
    }

    @Test
    @Order(3)
    void aClickOpensTheSingleViewWithTracksZonesLinesAndSignalDrawnOver() throws Exception {
        signIn("operator1");
        browser.get(rig.url + "/#/live");
        waitForState(HANOI, "playing");
        browser.findElement(By.cssSelector("#live-" + HANOI + " a.open-single")).click();
        wait.until(ExpectedConditions.urlContains("#/live/" + HANOI));
        waitForState(HANOI, "playing");
        rig.backend.publish(new SignalChange("hanoi:near:red:1", HANOI, 1,
                OffsetDateTime.now(ZoneOffset.ofHours(7)), "near", "vision", SignalState.RED, SignalState.AMBER,
                3.0, 1));
        // tracks keyed by capture time: feed the frames the pipeline would, around the picture on screen
        long end = System.currentTimeMillis() + 4000;
        String tracks = "0";
        while (System.currentTimeMillis() < end && "0".equals(tracks)) {
            Instant now = Instant.now();
            for (int back = 1500; back >= 0; back -= 250) {
                rig.backend.tracked(new TrackedFrame(CameraId.of(HANOI), 1, now.minusMillis(back), 640, 480,
                        List.of(new TrackedObject(7, RoadUserClass.MOTORCYCLE, 0.9f, new BoundingBox(300, 380, 360, 450),
                                TrackState.CONFIRMED, List.of())), true));
            }
            Thread.sleep(300);
            tracks = String.valueOf(browser.executeScript(
                    "return document.querySelector('#live-" + HANOI + " canvas').dataset.tracks"));
        }
        assertThat(tracks).as("tracks drawn for the frame on screen").isEqualTo("1");
        Object signals = browser.executeScript("return document.querySelector('#live-" + HANOI + " canvas').dataset.signals");
        assertThat(String.valueOf(signals)).contains("\"near\":\"red\"");
        HeadlessChromium.screenshot(browser, "console-live-single.png");
    }

    @Test
    @Order(4)
    void aCameraThatDropsMidViewShowsItAndPlaysAgainWithoutAReload() throws Exception {
        signIn("dishub1");
        browser.get(rig.url + "/#/live");
        waitForState(HANOI, "playing");
        browser.executeScript("window.pantauNoReload = 42");
        rtsp.kill();
        waitForState(HANOI, "dropped");
        assertThat(browser.findElement(By.cssSelector("#live-" + HANOI + " .live-state")).getText())
                .contains("Siaran terputus");
        // and the camera's own state from the camera list, in Indonesian
        rig.backend.camera(new CameraStatus(HANOI, "DOWN: connection refused (retry in 1.0 s)", false, 0, 0, 0, -1, 0,
                "Simpang Lý Thường Kiệt - Hàng Bài"), rig.snapshots.getFirst());
        wait.until(d -> d.findElement(By.cssSelector("#live-" + HANOI + " .facts")).getText().startsWith("MATI"));
        HeadlessChromium.screenshot(browser, "console-live-dropped.png");
        rtsp.restart();
        rig.backend.camera(new CameraStatus(HANOI, "STREAMING 640x480 @ 6.00 fps", true, 6.0, 640, 480, 120, 0,
                "Simpang Lý Thường Kiệt - Hàng Bài"), rig.snapshots.getFirst());
        waitForState(HANOI, "playing");
        assertThat(browser.executeScript("return window.pantauNoReload")).as("same page, no reload").isEqualTo(42L);
        double t0 = currentTime(HANOI);
        Thread.sleep(1500);
        assertThat(currentTime(HANOI)).isGreaterThan(t0);
    }

    @Test
    @Order(5)
    void aViewerWhoseTokenDiesMidViewIsSentToTheLogin() throws Exception {
        signIn("admin1");
        browser.get(rig.url + "/#/live");
        waitForState(HANOI, "playing");
        String token = String.valueOf(browser.executeScript(
                "return JSON.parse(sessionStorage.getItem('pantau.session')).token"));
        assertThat(rig.send("POST", "/api/auth/logout", token, null).statusCode()).isLessThan(300);
        // the open stream is ended at its next token check; the player reconnects, gets 401 and the page shows the
        // login, without anyone touching the page
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(rig.getBytes("/console-api/cameras/" + HANOI + "/live.mp4", token).statusCode()).isEqualTo(401);
        assertThat(browser.executeScript("return sessionStorage.getItem('pantau.session')")).isNull();
    }

    private static void signIn(String user) {
        HeadlessChromium.signIn(browser, wait, rig.url, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-page='live']")));
    }

    private static void waitForState(String camera, String state) {
        wait.until(d -> state.equals(d.findElement(By.cssSelector("#live-" + camera + " .live-state"))
                .getAttribute("data-state")));
    }

    private static double currentTime(String camera) {
        return ((Number) browser.executeScript("return document.querySelector('#live-" + camera + " video').currentTime"))
                .doubleValue();
    }

    private static long decodedFrames(String camera) {
        return ((Number) browser.executeScript("return document.querySelector('#live-" + camera
                + " video').getVideoPlaybackQuality().totalVideoFrames")).longValue();
    }

    private static long latencyMs(String camera) {
        return Long.parseLong(String.valueOf(browser.executeScript(
                "return document.querySelector('#live-" + camera + " video').dataset.latencyMs")));
    }

}
