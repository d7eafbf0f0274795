package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.XY;
import id.pantau.enforcement.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static id.pantau.app.console.ConsoleTestRig.HANOI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The geometry editor's admin tools in a real headless Chromium: an admin drags a zone corner, saves, reads the
 * version list (author, time in WIB) and the diff between the versions, checks the calibration (a good set fits,
 * a set on one line is refused in Indonesian), and a refused save shows its field errors in Indonesian and, after
 * the language switch, in English. Screenshots go to target/editor-*.png. Needs chromium and chromium-driver.
 */
class EditorBrowserTest {
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        rig = new ConsoleTestRig(dir);
        browser = HeadlessChromium.start(HeadlessChromium.options(1400, 1300));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        rig.close();
    }

    @Test
    void anAdminDragsAPointComparesVersionsChecksTheCalibrationAndReadsErrorsInBothLanguages() throws Exception {
        try {
            run();
        } catch (Exception | AssertionError e) {
            HeadlessChromium.screenshot(browser, "editor-failure.png");
            Files.writeString(Path.of("target", "editor-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private void run() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        HeadlessChromium.signIn(browser, wait, rig.url, "admin1");
        wait.until(d -> !d.findElements(By.cssSelector("#nav a")).isEmpty());
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("admin1 (admin)");
        browser.get(rig.url + "/#/editor/" + HANOI);
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-status")));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Versi 1 dimuat"));
        wait.until(d -> (Boolean) browser.executeScript("return document.getElementById('editor-canvas').width === 640"));
        assertThat(browser.findElement(By.id("editor-elements")).getText())
                .as("the pipeline's identifiers in words").contains("gerakan lurus, belok kiri").contains("sinyal kamera");

        // drag the junction zone's second corner (540, 200) by 40 x 30 CSS pixels
        WebElement canvas = browser.findElement(By.id("editor-canvas"));
        Rectangle r = canvas.getRect();
        double s = r.getWidth() / 640.0;   // CSS pixels per frame pixel
        int fromX = (int) Math.round(540 * s - r.getWidth() / 2.0);
        int fromY = (int) Math.round(200 * s - r.getHeight() / 2.0);
        new Actions(browser).moveToElement(canvas, fromX, fromY).clickAndHold().moveByOffset(-20, 15)
                .moveByOffset(-20, 15).release().perform();
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Titik dipindah"));
        browser.findElement(By.id("save-config")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(status, "versi 2"));
        CameraConfig v2 = rig.store.current(CameraId.of(HANOI)).orElseThrow();
        CameraConfig.Zone junction = v2.zones().stream().filter(z -> z.id().equals("junction")).findFirst().orElseThrow();
        assertThat(junction.polygon()).as("a drag moves a point, it adds none").hasSize(4);
        XY moved = junction.polygon().get(1);
        assertThat(moved.x()).isCloseTo(540 - 40 / s, within(3.0));
        assertThat(moved.y()).isCloseTo(200 + 30 / s, within(3.0));
        assertThat(junction.polygon().get(0)).isEqualTo(new XY(60, 200));

        // the version list: who saved v2 and when, in WIB; v1 was imported from a file, without an author
        WebElement v2Item = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-version='2']")));
        JsonNode items = ConsoleTestRig.json(rig.send("GET", "/console-api/cameras/" + HANOI + "/config/versions",
                rig.login(Role.ADMIN), null)).get("items");
        ZonedDateTime savedAt = Instant.parse(items.get(1).get("saved_at").asText()).atZone(ZoneId.of("Asia/Jakarta"));
        assertThat(v2Item.getText()).contains("admin1").contains("(berlaku)")
                .contains(String.format("%02d.%02d", savedAt.getHour(), savedAt.getMinute())).endsWith("WIB Lihat");
        assertThat(browser.findElement(By.cssSelector("li[data-version='1']")).getText()).contains("tidak tercatat").contains("WIB");

        // the diff from v1 to v2: exactly the dragged corner, old and new
        browser.findElement(By.id("diff-run")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#editor-diff tr[data-path='zones[junction].polygon[1]']")));
        assertThat(row.findElement(By.cssSelector("td.old")).getText()).isEqualTo("[540,200]");
        assertThat(browser.findElement(By.id("editor-diff")).getText()).contains("1 perubahan dari v1 ke v2");
        HeadlessChromium.screenshot(browser, "editor-versions-diff.png");

        // the calibration tool: the stored four points fit
        assertThat(browser.findElements(By.cssSelector("#editor-calibration tr[data-calib]"))).hasSize(4);
        browser.findElement(By.id("check-calibration")).click();
        WebElement calib = browser.findElement(By.id("calib-status"));
        wait.until(ExpectedConditions.textToBePresentInElement(calib, "Kalibrasi cocok"));
        assertThat(browser.findElement(By.cssSelector("tr[data-calib='0'] .calib-error")).getText()).matches("\\d+,\\d\\d");
        // each point's ground distance from the one before, to compare with the tape: (0, 0) → (13.3, 0)
        assertThat(browser.findElement(By.cssSelector("tr[data-calib='1'] .calib-distance")).getText()).isEqualTo("13,30");

        // the same four road points clicked anew, their ground positions from the measured rectangle's two distances
        for (int i = 0; i < 4; i++) {
            browser.findElement(By.cssSelector("tr[data-calib='0'] button")).click();
        }
        new Select(browser.findElement(By.id("tool"))).selectByValue("calib");
        int[][] corners = {{40, 357}, {505, 368}, {490, 331}, {85, 324}};
        for (int[] c : corners) {
            new Actions(browser).moveToElement(canvas, (int) Math.round(c[0] * s - r.getWidth() / 2.0),
                    (int) Math.round(c[1] * s - r.getHeight() / 2.0)).click().perform();
        }
        assertThat(browser.findElements(By.cssSelector("#editor-calibration tr[data-calib]"))).hasSize(4);
        browser.findElement(By.id("rect-width")).sendKeys("13.3");
        browser.findElement(By.id("rect-length")).sendKeys("3");
        browser.findElement(By.id("rect-fill")).click();
        assertThat(browser.findElement(By.cssSelector("[data-ground-y='2']")).getAttribute("value")).isEqualTo("3");
        browser.findElement(By.id("check-calibration")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(calib, "Kalibrasi cocok"));
        HeadlessChromium.screenshot(browser, "editor-calibration-fit.png");

        // four new points clicked on one line (y = 60) are refused, in Indonesian, and the page says why
        for (int i = 0; i < 4; i++) {
            browser.findElement(By.cssSelector("tr[data-calib='0'] button")).click();
        }
        for (int i = 0; i < 4; i++) {
            new Actions(browser).moveToElement(canvas, (int) Math.round((100 + 100 * i) * s - r.getWidth() / 2.0),
                    (int) Math.round(60 * s - r.getHeight() / 2.0)).click().perform();
            WebElement x = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-ground-x='" + i + "']")));
            x.clear();
            x.sendKeys(String.valueOf(i * 2), "\t");
        }
        assertThat(browser.findElements(By.cssSelector("#editor-calibration tr[data-calib]"))).hasSize(4);
        browser.findElement(By.id("check-calibration")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(calib, "Kalibrasi ditolak"));
        assertThat(calib.getText()).contains("tiga titik segaris").doesNotContain("degenerate");
        HeadlessChromium.screenshot(browser, "editor-calibration-refused.png");
        assertThat(rig.store.versions(CameraId.of(HANOI))).containsExactly(1, 2);

        // a refused save: the field errors in Indonesian ...
        badSave();
        WebElement errors = browser.findElement(By.id("editor-errors"));
        wait.until(ExpectedConditions.textToBePresentInElement(errors, "counting_lines[0].a"));
        assertThat(errors.getText()).contains("di luar bingkai 640x480").doesNotContain("outside");
        assertThat(status.getText()).contains("Tidak disimpan");
        HeadlessChromium.screenshot(browser, "editor-errors-id.png");

        // ... and in English after the switch, which the browser remembers
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(browser.findElement(By.tagName("h1")), "Camera geometry"));
        assertThat(browser.findElement(By.id("nav")).getText()).contains("Cameras").doesNotContain("Kamera");
        status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-status")));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Version 2 loaded"));
        badSave();
        errors = browser.findElement(By.id("editor-errors"));
        wait.until(ExpectedConditions.textToBePresentInElement(errors, "outside the 640x480 frame"));
        assertThat(status.getText()).contains("Not saved");
        HeadlessChromium.screenshot(browser, "editor-errors-en.png");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElement(browser.findElement(By.id("lang")), "Bahasa Indonesia"));
        assertThat((String) browser.executeScript("return localStorage.getItem('pantau.lang')")).isEqualTo("en");
        assertThat(rig.store.versions(CameraId.of(HANOI))).containsExactly(1, 2);

        // a back-office 400 that names its field: the field in words, the English detail only in English
        String refused = "const done = arguments[arguments.length - 1];"
                + " import('/js/api.js').then(m => m.api('POST', '/api/users', {username: 'integrasi1',"
                + " password: 'rahasia-jambi-2026', role: 'integration'})).then(() => done('created?'), e => done(e.message));";
        assertThat((String) browser.executeAsyncScript(refused)).startsWith("Invalid \"role\". (role integration is for API keys");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(browser.findElement(By.id("lang")), "English"));
        assertThat((String) browser.executeAsyncScript(refused)).isEqualTo("Isian \"peran\" tidak valid.");
    }

    @Test
    void aRefusalForTheRoleReachesTheUserInIndonesianWithTheAllowedRoles() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        HeadlessChromium.signIn(browser, wait, rig.url, "dishub1");
        wait.until(d -> !d.findElements(By.cssSelector("#nav a")).isEmpty());
        // dishub reads geometry but may not save it: the page's own API client gets the server's 403
        String script = "const done = arguments[arguments.length - 1];"
                + " import('/js/api.js').then(m => m.api('PUT', '/console-api/cameras/" + HANOI + "/config', {}))"
                + ".then(() => done('saved?'), e => done(e.status + ' ' + e.message));";
        assertThat((String) browser.executeAsyncScript(script))
                .isEqualTo("403 Peran dishub tidak boleh melakukan ini; yang boleh: operator, admin.");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(browser.findElement(By.id("lang")), "Bahasa Indonesia"));
        assertThat((String) browser.executeAsyncScript(script))
                .startsWith("403 Role dishub may not do this; allowed: operator, admin. (role dishub may not use PUT");
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
    }

    @Test
    void aNewCameraIsSetUpWithoutTheJsonBox() throws Exception {
        String camera = "simpang-kawat-n";   // in the camera list, no geometry yet and no frame
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        HeadlessChromium.signIn(browser, wait, rig.url, "operator1");
        wait.until(d -> !d.findElements(By.cssSelector("#nav a")).isEmpty());
        browser.get(rig.url + "/#/editor/" + camera);
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-status")));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Belum ada geometri"));
        WebElement canvas = browser.findElement(By.id("editor-canvas"));
        Rectangle r = canvas.getRect();
        double s = r.getWidth() / 640.0;
        java.util.function.BiConsumer<Integer, Integer> click = (x, y) -> new Actions(browser)
                .moveToElement(canvas, (int) Math.round(x * s - r.getWidth() / 2.0), (int) Math.round(y * s - r.getHeight() / 2.0))
                .click().perform();

        // calibration: four corners of a measured 10 x 20 m rectangle on the road
        new Select(browser.findElement(By.id("tool"))).selectByValue("calib");
        click.accept(100, 400);
        click.accept(540, 400);
        click.accept(500, 250);
        click.accept(140, 250);
        browser.findElement(By.id("rect-width")).sendKeys("10");
        browser.findElement(By.id("rect-length")).sendKeys("20");
        browser.findElement(By.id("rect-fill")).click();
        browser.findElement(By.id("check-calibration")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(browser.findElement(By.id("calib-status")), "Kalibrasi cocok"));
        // a congestion zone
        new Select(browser.findElement(By.id("tool"))).selectByValue("zone");
        browser.findElement(By.id("element-id")).sendKeys("antrian_kawat");
        click.accept(200, 300);
        click.accept(440, 300);
        click.accept(440, 380);
        click.accept(200, 380);
        browser.findElement(By.id("finish-shape")).click();
        // a lane of the north approach allowing straight on and left, its stop line and the signal's three lamps
        new Select(browser.findElement(By.id("tool"))).selectByValue("lane");
        browser.findElement(By.id("element-id")).sendKeys("lajur_utara");
        browser.findElement(By.id("approach")).sendKeys("utara");
        browser.findElement(By.cssSelector("[data-movement='left']")).click();
        click.accept(160, 440);
        click.accept(480, 440);
        click.accept(470, 470);
        click.accept(170, 470);
        browser.findElement(By.id("finish-shape")).click();
        new Select(browser.findElement(By.id("tool"))).selectByValue("stop");
        new Select(browser.findElement(By.id("direction"))).selectByValue("up");
        click.accept(150, 425);
        click.accept(490, 425);
        new Select(browser.findElement(By.id("tool"))).selectByValue("lamp");
        int y = 20;
        for (String lamp : List.of("red", "amber", "green")) {
            new Select(browser.findElement(By.id("lamp"))).selectByValue(lamp);
            click.accept(600, y);
            click.accept(612, y + 12);
            y += 20;
        }
        browser.findElement(By.id("save-config")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Tersimpan sebagai versi 1"));
        HeadlessChromium.screenshot(browser, "editor-new-camera.png");

        CameraConfig stored = rig.store.current(CameraId.of(camera)).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.calibration().points()).extracting(CameraConfig.CalibrationPoint::groundM)
                .containsExactly(new XY(0, 0), new XY(10, 0), new XY(10, 20), new XY(0, 20));
        assertThat(stored.zones()).extracting(CameraConfig.Zone::id).containsExactly("antrian_kawat");
        CameraConfig.Lane lane = stored.lanes().getFirst();
        assertThat(lane.id()).isEqualTo("lajur_utara");
        assertThat(lane.movements()).extracting(Enum::name).containsExactly("STRAIGHT", "LEFT");
        CameraConfig.Approach north = stored.approaches().getFirst();
        assertThat(north.id()).isEqualTo("utara");
        assertThat(north.lanes()).containsExactly("lajur_utara");
        assertThat(north.stopLine()).isNotNull();
        assertThat(north.signal().lamps().red()).isNotNull();
        assertThat(north.signal().lamps().amber()).isNotNull();
        assertThat(north.signal().lamps().green()).isNotNull();
        assertThat(browser.findElement(By.cssSelector("li[data-version='1']")).getText()).contains("operator1", "WIB");
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
    }

    /** Puts a counting line's end outside the frame through the JSON box and saves. */
    private void badSave() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // the page has loaded everything (its version list comes last)
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#editor-versions li[data-version]")));
        wait.until(d -> !((String) browser.executeScript("return document.getElementById('editor-json').value")).isEmpty());
        browser.findElement(By.cssSelector("details summary")).click();
        browser.executeScript("const t = document.getElementById('editor-json'); const d = JSON.parse(t.value);"
                + " d.counting_lines[0].a = [900, 10]; t.value = JSON.stringify(d);");
        browser.findElement(By.id("apply-json")).click();
        // applied: the draft, written back pretty-printed, holds the bad point
        wait.until(d -> ((String) browser.executeScript("return document.getElementById('editor-json').value"))
                .matches("(?s).*\\[\\s*900,\\s*10\\s*\\].*"));
        browser.findElement(By.id("save-config")).click();
    }

}
