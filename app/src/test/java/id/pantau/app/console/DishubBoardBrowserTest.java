package id.pantau.app.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.EventIds;
import id.pantau.core.event.LevelOfService;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import id.pantau.core.event.ZoneCongestion;
import id.pantau.core.json.Json;
import id.pantau.enforcement.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static id.pantau.app.console.ConsoleTestRig.HANOI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dishub's board in a real headless Chromium: a Dishub user signs in, lands on the board and sees the charts drawn
 * from events sent through the bus (counts per 15 minutes, level of service, violations per hour, with the latest
 * figures in each legend), acknowledges an alert with a note, and finds the cameras on the schematic map; a police
 * officer sees the live feed only. Needs the Debian packages chromium and chromium-driver.
 */
class DishubBoardBrowserTest {
    static final ZoneOffset WIB = ZoneOffset.ofHours(7);
    static final String KAWAT_E = "simpang-kawat-e";
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static ChromeDriver browser;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        rig = new ConsoleTestRig(dir);
        // two cameras placed in Jambi (illustrative positions), the third (simpang-kawat-n) without a configuration
        ObjectNode hanoi = (ObjectNode) Json.mapper().valueToTree(rig.store.current(CameraId.of(HANOI)).orElseThrow());
        hanoi.remove("version");
        hanoi.putObject("position").put("lat", -1.6092).put("lon", 103.6106);
        rig.store.save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(hanoi), "test"));
        hanoi.put("camera", KAWAT_E);
        hanoi.putObject("position").put("lat", -1.6121).put("lon", 103.6142);
        rig.store.save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(hanoi), "test"));
        rig.backend.camera(new CameraStatus(KAWAT_E, "STREAMING 640x480 @ 6.00 fps", true, 6, 640, 480, 100, 0,
                "Simpang Kawat timur"), null);

        ChromeOptions o = HeadlessChromium.options(1400, 2200);
        downloads = Files.createDirectories(dir.resolve("downloads"));
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        browser = HeadlessChromium.start(o);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        rig.close();
    }

    /** Two hours of traffic at the Hanoi camera, ending in the current 15-minute period. */
    private static void publishTraffic() {
        long now = Instant.now().getEpochSecond();
        long current = now - now % 900;
        long track = 1;
        for (int p = 7; p >= 0; p--) {
            Instant start = Instant.ofEpochSecond(current - 900L * p);
            for (int i = 0; i < 4 + p; i++) {
                Instant at = start.plusSeconds(10 + i);
                if (at.isAfter(Instant.now())) {
                    break;
                }
                String cls = i % 3 == 0 ? "car" : "motorcycle";
                CrossingDirection d = i % 2 == 0 ? CrossingDirection.IN : CrossingDirection.OUT;
                rig.backend.publish(new LineCrossing(EventIds.lineCrossing(HANOI, "north_count", track, d, at), HANOI, 1,
                        at.atOffset(WIB), track, "north_count", track, cls, d, 25.0));
                track++;
            }
        }
        LevelOfService[] levels = {LevelOfService.B, LevelOfService.C, LevelOfService.D, LevelOfService.D};
        for (int i = 0; i < levels.length; i++) {
            Instant end = Instant.ofEpochSecond(now - 60L * (levels.length - i));
            rig.backend.publish(new ZoneCongestion(EventIds.congestion(HANOI, "junction", end.minusSeconds(60)), HANOI, 1,
                    end.atOffset(WIB), end.minusSeconds(60).atOffset(WIB), "junction", 3.0 + i, 5 + i, 15.0 + 10 * i, 20.0,
                    6.0 * i, Map.of("car", 4.0), levels[i]));
        }
        for (int i = 0; i < 3; i++) {
            Instant at = Instant.ofEpochSecond(now - 3600L * i - 30);
            rig.backend.publish(new RedLightViolation(EventIds.redLightViolation(HANOI, "near", 500 + i, at), HANOI, "near",
                    500 + i, "motorcycle", at.atOffset(WIB), SignalState.RED, 1.5, 3.0, 28.0,
                    new RedLightViolation.Frames(1, 2, 3), 1, "Hanoi", null, null));
        }
        Instant raised = Instant.ofEpochSecond(now - 120);
        rig.backend.publish(new CongestionAlert(EventIds.congestionAlert(HANOI, "junction", AlertState.RAISED, raised), HANOI, 1,
                raised.atOffset(WIB), "junction", AlertState.RAISED, LevelOfService.E, 52.0, 5.0));
    }

    @Test
    void dishubSeesChartsWithDataAcknowledgesAnAlertAndFindsTheCamerasOnTheMap() throws Exception {
        publishTraffic();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        String token = rig.login(Role.DISHUB);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ConsoleTestRig.json(
                rig.send("GET", "/console-api/board/alerts", token, null)).get("items").size() == 1);
        try {
            signIn(wait, "dishub1");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-counts canvas")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-levels canvas")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-violations canvas")));
            assertThat(browser.findElement(By.cssSelector("h1")).getText()).contains("Papan Dishub");

            // the charts are drawn: many coloured pixels on each canvas
            for (String chart : List.of("chart-counts", "chart-levels", "chart-violations")) {
                assertThat(paintedPixels(chart)).as(chart + " drawn").isGreaterThan(500);
            }
            // the legends show the latest figures, in Indonesian
            String counts = browser.findElement(By.cssSelector("#chart-counts .u-legend")).getText();
            assertThat(counts).contains("sepeda motor", "mobil", "WIB");
            String latestMotorcycles = legendValue("chart-counts", "sepeda motor");
            assertThat(latestMotorcycles).matches("\\d+");
            String levels = browser.findElement(By.cssSelector("#chart-levels .u-legend")).getText();
            assertThat(levels).contains("zona junction");
            assertThat(legendValue("chart-levels", "zona junction")).isEqualTo("D");
            assertThat(legendValue("chart-violations", "Simpang Lý Thường Kiệt - Hàng Bài")).isEqualTo("1");
            // under the chart, the latest periods as ATCS lists them: period, direction, a column per class
            WebElement atcs = browser.findElement(By.id("counts-table"));
            assertThat(atcs.findElement(By.tagName("thead")).getText()).contains("Periode 15 menit", "Arah", "sepeda motor", "truk", "Total");
            assertThat(atcs.findElements(By.cssSelector("tbody tr"))).hasSizeBetween(2, 8);
            assertThat(atcs.findElement(By.cssSelector("tbody")).getText()).contains("masuk", "keluar", "WIB");
            // the current-level table is still there
            assertThat(browser.findElement(By.id("congestion-rows")).getText()).contains("junction");
            HeadlessChromium.screenshot(browser, "console-board.png");

            // "Unduh CSV" saves the chart's data under the server's file name
            browser.findElement(By.cssSelector("button[data-csv='counts']")).click();
            wait.until(d -> csvIn(downloads, "pantau-hitungan-15-menit-semua-") != null);
            Path csv = csvIn(downloads, "pantau-hitungan-15-menit-semua-");
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.getFirst()).startsWith("waktu_mulai,waktu_selesai,kamera,garis,arah,sepeda_motor,mobil");
            assertThat(lines).hasSizeGreaterThan(2).anyMatch(l -> l.contains("," + HANOI + ",north_count,in,"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("board-state"), "Diunduh: " + csv.getFileName()));

            // the alert: acknowledged with a note, who and when shown
            WebElement alert = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-list li.alert-item")));
            assertThat(alert.getText()).contains("Kemacetan", "zona junction", "tingkat E", "Belum dikonfirmasi", "WIB");
            alert.findElement(By.cssSelector("input")).sendKeys("Petugas lapangan menuju simpang");
            alert.findElement(By.cssSelector("button.ack-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert-list"), "Dikonfirmasi oleh dishub1"));
            assertThat(browser.findElement(By.id("alert-list")).getText()).contains("Petugas lapangan menuju simpang");
            assertThat(browser.findElements(By.cssSelector("#alert-list button.ack-button"))).as("acknowledged once").isEmpty();
            assertThat(ConsoleTestRig.json(rig.send("GET", "/console-api/board/alerts", token, null)).get("items").get(0)
                    .get("acknowledged_by").asText()).isEqualTo("dishub1");

            // the map: a schematic (no tile server), the two placed cameras as markers, the third listed without position
            WebElement map = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#camera-map.schematic")));
            wait.until(d -> d.findElements(By.cssSelector("#camera-map path.camera-marker")).size() == 2);
            assertThat(map.getText()).contains("Simpang Lý Thường Kiệt - Hàng Bài", "Simpang Kawat timur");
            assertThat(browser.findElements(By.cssSelector("#camera-map img.leaflet-tile"))).as("no tiles fetched").isEmpty();
            assertThat(browser.findElement(By.cssSelector("#camera-map .leaflet-control-scale")).getText()).contains("m");
            assertThat(browser.findElement(By.id("unplaced")).getText()).contains("Tanpa posisi", "simpang-kawat-n", "Skema");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('camera-map').scrollIntoView()");
            HeadlessChromium.screenshot(browser, "console-board-map.png");
            assertNoPageErrors();
        } catch (Exception | AssertionError e) {
            HeadlessChromium.screenshot(browser, "console-board-failure.png");
            Files.writeString(Path.of("target", "console-board-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    @Test
    void withATileServerConfiguredTheMapDrawsItsTilesAndThePolicyLetsExactlyThatServerIn(@TempDir Path tilesDir) throws Exception {
        // a tile server of its own on another port of 127.0.0.1: another origin than the console's
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(0xcfe3c8));
        g.fillRect(0, 0, 256, 256);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        io.vertx.core.http.HttpServer tileServer = vertx.createHttpServer().requestHandler(req -> {
            served.incrementAndGet();
            req.response().putHeader("content-type", "image/png").end(io.vertx.core.buffer.Buffer.buffer(png.toByteArray()));
        }).listen(0, "127.0.0.1").await();
        String origin = "http://127.0.0.1:" + tileServer.actualPort();
        MapTiles tiles = new MapTiles(origin + "/{z}/{x}/{y}.png", "Peta uji");
        try (ConsoleTestRig tiled = new ConsoleTestRig(tilesDir, tiles)) {
            ObjectNode hanoi = (ObjectNode) Json.mapper().valueToTree(tiled.store.current(CameraId.of(HANOI)).orElseThrow());
            hanoi.remove("version");
            hanoi.putObject("position").put("lat", -1.6092).put("lon", 103.6106);
            tiled.store.save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(hanoi), "test"));
            assertThat(tiled.send("GET", "/", null, null).headers().firstValue("content-security-policy").orElseThrow())
                    .contains("img-src 'self' blob: data: " + origin + ";");

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            HeadlessChromium.signIn(browser, wait, tiled.url, "dishub1");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#camera-map.tiled")));
            wait.until(d -> !d.findElements(By.cssSelector("#camera-map img.leaflet-tile-loaded")).isEmpty());
            assertThat(served.get()).as("tiles fetched from the configured server").isPositive();
            assertThat(browser.findElements(By.cssSelector("#camera-map path.camera-marker"))).hasSize(1);
            assertThat(browser.findElement(By.cssSelector("#camera-map .leaflet-control-attribution")).getText()).contains("Peta uji");
            assertThat(browser.findElement(By.id("unplaced")).getText()).doesNotContain("Skema").contains("simpang-kawat-n");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('camera-map').scrollIntoView()");
            HeadlessChromium.screenshot(browser, "console-board-map-tiles.png");
            assertNoPageErrors();
        } finally {
            tileServer.close().await();
            vertx.close().await();
        }
    }

    @Test
    void openComplaintsStandBesideTheAlertsAndOnTheMapWithTheBoardsFilters() throws Exception {
        // two citizens' reports through the intake with a real integration key (texts written for this test)
        String key = rig.services.apiKeys().create("test", "sikesal-board").secret();
        String reported = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusMinutes(20).withNano(0).toString();
        for (String body : List.of("""
                {"external_id": "SKL-BOARD-1", "category": "macet", "reported_at": "%s",
                 "text": "Antrean kendaraan panjang di simpang dekat kamera, lampu hijau terlalu singkat. (teks uji)",
                 "location": {"lat": -1.6093, "lon": 103.6108, "address": "Simpang Lý Thường Kiệt"}, "area": "Pasar Jambi"}""",
                """
                {"external_id": "SKL-BOARD-2", "category": "lampu_jalan", "reported_at": "%s",
                 "text": "Lampu jalan padam sepanjang 200 meter, gelap dan rawan kecelakaan. (teks uji)",
                 "location": {"lat": -1.6125, "lon": 103.6140, "address": "Jl. Kapten Pattimura"}, "area": "Kota Baru"}""")) {
            HttpResponse<String> filed = rig.send("POST", "/api/complaints", key, body.formatted(reported));
            assertThat(filed.statusCode()).as(filed.body()).isIn(200, 201);
        }
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        try {
            signIn(wait, "dishub1");
            browser.get(rig.url + "/#/board");
            wait.until(d -> d.findElements(By.cssSelector("#board-complaints li.complaint-item")).size() == 2);
            assertThat(browser.findElement(By.id("board-complaints")).getText())
                    .contains("Macet", "Lampu jalan", "Pasar Jambi", "Kota Baru", "Buka pengaduan");
            wait.until(d -> d.findElements(By.cssSelector("#camera-map path.layer-marker")).size() == 2);

            // the category filter narrows the list and the map's complaint layer alike
            new Select(browser.findElement(By.id("board-complaint-category"))).selectByValue("macet");
            wait.until(d -> d.findElements(By.cssSelector("#board-complaints li.complaint-item")).size() == 1);
            wait.until(d -> d.findElements(By.cssSelector("#camera-map path.layer-marker")).size() == 1);
            assertThat(browser.findElement(By.id("board-complaints")).getText()).contains("Macet").doesNotContain("Lampu jalan");
            // and the area filter: Kota Baru has no congestion complaint
            new Select(browser.findElement(By.id("board-complaint-category"))).selectByValue("");
            wait.until(d -> d.findElements(By.cssSelector("#board-complaint-area option[value='Kota Baru']")).size() == 1);
            new Select(browser.findElement(By.id("board-complaint-area"))).selectByValue("Kota Baru");
            wait.until(d -> d.findElements(By.cssSelector("#board-complaints li.complaint-item")).size() == 1);
            assertThat(browser.findElement(By.id("board-complaints")).getText()).contains("Lampu jalan");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('board-complaints').scrollIntoView()");
            HeadlessChromium.screenshot(browser, "console-board-complaints.png");
            assertNoPageErrors();

            // the board in English after the switch: headings, the complaint card and its words, the map's layers,
            // the CSV buttons and the charts' time axis; then back in Indonesian
            browser.findElement(By.id("lang")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dishub board: traffic & events"));
            wait.until(d -> d.findElements(By.cssSelector("#board-complaints li.complaint-item")).size() == 2);
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .contains("Open citizen complaints (SiKesal)", "Red-light violations per hour", "Camera map")
                    .doesNotContain("Pengaduan warga terbuka", "Peta kamera");
            assertThat(browser.findElement(By.id("board-complaints")).getText())
                    .contains("Traffic jam", "Street light", "Open complaint").doesNotContain("Buka pengaduan");
            assertThat(browser.findElements(By.cssSelector("button[data-csv]"))).extracting(WebElement::getText)
                    .containsOnly("Download CSV");
            wait.until(d -> d.findElement(By.id("camera-map")).getText().contains("Open complaints"));
            assertThat(browser.findElement(By.id("camera-map")).getText()).contains("Cameras");
            browser.findElement(By.id("lang")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Papan Dishub"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("camera-map"), "Pengaduan terbuka"));
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Pengaduan warga terbuka (SiKesal)");
            assertNoPageErrors();
        } catch (Exception | AssertionError e) {
            HeadlessChromium.screenshot(browser, "console-board-complaints-failure.png");
            Files.writeString(Path.of("target", "console-board-complaints-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    @Test
    void thePoliceSeeTheLiveFeedButNotTheBoard() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        signIn(wait, "police1");
        browser.get(rig.url + "/#/board");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-state"), "Terhubung"));
        assertThat(browser.findElements(By.id("chart-counts"))).isEmpty();
        assertThat(browser.findElements(By.id("camera-map"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Kejadian lalu lintas");
    }

    /** A completely downloaded file whose name starts so, or null. */
    private static Path csvIn(Path folder, String prefix) {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".csv"))
                    .findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Pixels of the chart's canvas that are not transparent or white: the plotted series. */
    private static long paintedPixels(String chart) {
        Object n = ((JavascriptExecutor) browser).executeScript("""
                const c = document.querySelector('#' + arguments[0] + ' canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                  const [r, g, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
                  if (a > 0 && !(r > 200 && g > 200 && b > 200) && !(Math.abs(r - g) < 12 && Math.abs(g - b) < 12)) n++;
                }
                return n;""", chart);
        return ((Number) n).longValue();
    }

    /** The value the chart's legend shows for the series with the label. */
    private static String legendValue(String chart, String label) {
        for (WebElement row : browser.findElements(By.cssSelector("#" + chart + " .u-legend .u-series"))) {
            if (row.findElement(By.cssSelector(".u-label")).getText().equals(label)) {
                return row.findElement(By.cssSelector(".u-value")).getText();
            }
        }
        throw new AssertionError("no series '" + label + "' in the legend of " + chart);
    }

    private static void signIn(WebDriverWait wait, String user) {
        HeadlessChromium.signIn(browser, wait, rig.url, user);
        wait.until(d -> !d.findElements(By.cssSelector("#nav a")).isEmpty());
    }

    private static void assertNoPageErrors() {
        List<String> log = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        // the browser asks for /favicon.ico by itself; anything else (a CSP violation, a script error) is a fault
        assertThat(log).filteredOn(m -> !m.contains("/favicon.ico")).as("browser errors").isEmpty();
    }

}
