package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.XY;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static id.pantau.app.console.ConsoleTestRig.HANOI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The console in a real headless Chromium: an operator logs in, opens the Hanoi camera's editor, draws a zone by
 * clicking on the snapshot and saves it; the new version must be in the store with the clicked corners.
 * Needs the Debian packages chromium and chromium-driver.
 */
class ConsoleBrowserTest {
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
    void anOperatorDrawsAZoneOnTheSnapshotAndSavesANewVersion() throws Exception {
        try {
            drawAndSave();
        } catch (Exception | AssertionError e) {
            // what the page showed when it went wrong, for the report
            HeadlessChromium.screenshot(browser, "console-failure.png");
            Files.writeString(Path.of("target", "console-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    @Test
    void anAdminSeesAViolationKeptAsADeadLetterWithItsReason() throws Exception {
        rig.services.ingestor().ingest("pantau.violations", "cam-dl",
                "{\"type\":\"red_light_violation\",\"camera\":\"cam-dl\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        HeadlessChromium.signIn(browser, wait, rig.url, "admin1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-page='dead-letters']"))).click();
        WebElement rows = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dead-letter-rows")));
        wait.until(ExpectedConditions.textToBePresentInElement(rows, "tidak sesuai format"));
        assertThat(browser.findElement(By.id("dead-letter-open")).getText()).contains("1 pesan gagal terbuka");
        assertThat(rows.findElements(By.tagName("button"))).extracting(WebElement::getText).contains("Proses ulang", "Tutup");
        // the reason in Indonesian from the server's reason code, the English sentence kept for English and logs
        WebElement reason = rows.findElement(By.cssSelector("td.dl-reason"));
        assertThat(reason.getText()).isEqualTo("Pelanggaran (tanpa event_id) ditolak: isian event_id, time tidak ada atau tidak valid.");
        assertThat(reason.getAttribute("title")).contains("rejected: event_id is required");
        HeadlessChromium.screenshot(browser, "console-dead-letters.png");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Failed violation messages"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letter-rows"), "malformed"));
        assertThat(browser.findElement(By.cssSelector("#dead-letter-rows td.dl-reason")).getText())
                .startsWith("violation event (no event_id) rejected: event_id is required");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letter-rows"), "tidak sesuai format"));
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");   // the next test signs in afresh
    }

    @Test
    void aCaseOffersNoPreselectedReasonAndAClosedCaseNoActions() throws Exception {
        String event = """
                {"type":"red_light_violation","event_id":"cam-ui:north:9:1009","camera":"cam-ui","approach":"north",
                 "track_id":9,"class":"motorcycle","time":"2026-11-23T10:00:01.234+07:00","signal_state":"red",
                 "time_into_red_s":2.4,"frames":{"before":1,"at":2,"after":3},"location":"Simpang Kawat",
                 "plate":{"text":"BH 1234 AB","region":"Jambi","score":0.97},
                 "evidence":{"key":"evidence/cam-ui/2026/11/23/x/","manifest_sha256":"%s","photos":[],"complete":true}}"""
                .formatted("0".repeat(64));
        rig.services.ingestor().ingest("pantau.violations", "cam-ui", event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        signIn(wait, "police1");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-rows tr[data-case]")));
        row.click();
        WebElement reason = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
        assertThat(new Select(reason).getFirstSelectedOption().getAttribute("value")).as("no reason preselected").isEmpty();
        assertThat(browser.findElement(By.id("case")).getText()).as("in Indonesian")
                .contains("dari utara / sepeda motor").doesNotContain("motorcycle");
        // the measured facts an officer decides on, and the case's history
        WebElement facts = browser.findElement(By.id("case-facts"));
        assertThat(facts.getText()).contains("Lampu saat melintas", "merah", "Waktu sejak merah", "2,4 detik",
                "Lama lampu kuning", "tidak terukur");
        assertThat(browser.findElement(By.id("case-history")).getText()).contains("diterima");
        assertThat(browser.findElement(By.id("queue-total")).getText()).contains("dari 1 kasus");

        // filters: by plate as an officer types it, and one that matches nothing
        WebElement plate = browser.findElement(By.id("filter-plate"));
        plate.sendKeys("bh1234");
        browser.findElement(By.cssSelector("#queue-filters button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-total"), "1–1 dari 1 kasus"));
        plate.clear();
        plate.sendKeys("XX9999");
        browser.findElement(By.cssSelector("#queue-filters button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-total"), "0 kasus"));
        assertThat(browser.findElement(By.id("queue-rows")).getText()).contains("Antrian kosong");
        plate.clear();
        browser.findElement(By.cssSelector("#queue-filters button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-total"), "dari 1 kasus"));
        assertThat(browser.findElements(By.cssSelector("#case .actions button"))).isNotEmpty();

        // the officer claims and approves in the page; the case re-opens decided, with no buttons left
        clickAction(wait, "Klaim");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#case .msg"), "berhasil"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-claimed"), "police1"));
        clickAction(wait, "Setujui");
        WebElement closed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-closed")));
        assertThat(closed.getText()).contains("sudah diputus");
        assertThat(browser.findElements(By.cssSelector("#case .actions button"))).isEmpty();
        HeadlessChromium.screenshot(browser, "console-case-closed.png");

        // the ticket the approval issued moves on from the tickets page
        browser.get(rig.url + "/#/tickets");
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#ticket-rows button[data-next='confirmed']")));
        confirm.click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-rows"), "dikonfirmasi"));
        assertThat(browser.findElements(By.cssSelector("#ticket-rows button[data-next='paid']"))).hasSize(1);
        HeadlessChromium.screenshot(browser, "console-tickets.png");
        // the tickets page in English after the switch: the ticket's status in words, never the identifier
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Tickets (confirmation letters)"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-rows"), "confirmed"));
        assertThat(browser.findElement(By.cssSelector("#ticket-rows button[data-next='paid']")).getText()).isEqualTo("Mark paid");
        HeadlessChromium.screenshot(browser, "console-tickets-en.png");
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
    }

    @Test
    void theUsersPageShowsEachUsersRealRole() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        signIn(wait, "admin1");
        browser.get(rig.url + "/#/users");
        wait.until(d -> d.findElements(By.cssSelector("#user-rows tr")).size() >= 4);
        java.util.Map<String, String> shown = new java.util.HashMap<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#user-rows tr"))) {
            List<WebElement> td = tr.findElements(By.tagName("td"));
            shown.put(td.get(0).getText(), new Select(td.get(1).findElement(By.tagName("select")))
                    .getFirstSelectedOption().getAttribute("value"));
        }
        assertThat(shown).containsEntry("admin1", "admin").containsEntry("police1", "police")
                .containsEntry("dishub1", "dishub").containsEntry("operator1", "operator");

        // the audit page: the trail and its check
        browser.get(rig.url + "/#/audit");
        wait.until(d -> !d.findElements(By.cssSelector("#audit-rows tr")).isEmpty());
        // the audited action in words, the server's name kept for the page's own use
        assertThat(browser.findElements(By.cssSelector("#audit-rows td[data-action='auth.login']"))).isNotEmpty();
        assertThat(browser.findElement(By.id("audit-rows")).getText()).contains("masuk").doesNotContain("auth.login");
        browser.findElement(By.id("audit-verify-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-verify"), "Jejak utuh"));
        HeadlessChromium.screenshot(browser, "console-audit.png");
        // the same page in English after the switch; then the users page, roles in English words
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Audit trail"));
        wait.until(d -> d.findElement(By.id("audit-rows")).getText().contains("login"));
        browser.get(rig.url + "/#/users");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Users"));
        assertThat(new Select(browser.findElement(By.id("new-user-role"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("police", "dishub", "operator", "admin");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Pengguna"));
        assertThat(new Select(browser.findElement(By.id("new-user-role"))).getOptions().getFirst().getText()).isEqualTo("polisi");
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
    }

    private void signIn(WebDriverWait wait, String user) {
        HeadlessChromium.signIn(browser, wait, rig.url, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav")));
        wait.until(d -> !d.findElements(By.cssSelector("#nav a")).isEmpty());
    }

    private void clickAction(WebDriverWait wait, String label) {
        wait.until(d -> d.findElements(By.cssSelector("#case .actions button")).stream()
                .filter(b -> b.getText().equals(label)).findFirst().orElse(null)).click();
    }

    private void drawAndSave() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        HeadlessChromium.signIn(browser, wait, rig.url, "operator1");

        // the camera grid, with the live snapshot loaded into the Hanoi tile
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-camera='" + HANOI + "']")));
        wait.until(d -> (Boolean) browser.executeScript(
                "const i = document.getElementById('snap-" + HANOI + "'); return !!i && i.complete && i.naturalWidth === 640;"));
        HeadlessChromium.screenshot(browser, "console-cameras.png");
        assertThat(browser.findElement(By.cssSelector("[data-camera='" + HANOI + "'] .state")).getText())
                .as("camera states in Indonesian").startsWith("MENGALIR");
        assertThat(browser.findElement(By.cssSelector("[data-camera='" + HANOI + "'] h2")).getText())
                .as("the camera's display name, not its id").isEqualTo("Simpang Lý Thường Kiệt - Hàng Bài");
        browser.findElement(By.cssSelector("[data-edit='" + HANOI + "']")).click();

        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-status")));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Versi 1"));
        new Select(browser.findElement(By.id("tool"))).selectByValue("zone");
        browser.findElement(By.id("element-id")).sendKeys("bus_bay");
        WebElement canvas = browser.findElement(By.id("editor-canvas"));
        double scale = 640.0 / canvas.getRect().getWidth();   // the canvas is shown scaled; the config is in frame pixels
        int[][] clicks = {{-150, -90}, {120, -90}, {120, 30}, {-150, 30}};   // CSS pixels from the canvas centre
        for (int[] c : clicks) {
            new Actions(browser).moveToElement(canvas, c[0], c[1]).click().perform();
        }
        browser.findElement(By.id("finish-shape")).click();
        browser.findElement(By.id("save-config")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(status, "versi 2"));
        HeadlessChromium.screenshot(browser, "console-editor.png");

        CameraConfig current = rig.store.current(CameraId.of(HANOI)).orElseThrow();
        assertThat(rig.store.versions(CameraId.of(HANOI))).containsExactly(1, 2);
        assertThat(current.version()).isEqualTo(2);
        CameraConfig.Zone zone = current.zones().stream().filter(z -> z.id().equals("bus_bay")).findFirst().orElseThrow();
        List<XY> polygon = zone.polygon();
        assertThat(polygon).hasSize(4);
        for (int i = 0; i < clicks.length; i++) {
            // where the click landed, in frame pixels (centre of a 640x480 frame + offset scaled)
            assertThat(polygon.get(i).x()).isCloseTo(320 + clicks[i][0] * scale, within(3.0));
            assertThat(polygon.get(i).y()).isCloseTo(240 + clicks[i][1] * scale, within(3.0));
        }
        // the rest of the document is kept as it was
        assertThat(current.zones()).extracting(CameraConfig.Zone::id).contains("near_queue", "junction");
        assertThat(current.approaches()).hasSize(1);
        // and the version list offers the old one back
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-activate='1']")));

        // a document the server refuses: its field errors are listed next to the form and nothing is stored
        browser.findElement(By.cssSelector("details summary")).click();
        browser.executeScript("const t = document.getElementById('editor-json'); const d = JSON.parse(t.value);"
                + " d.counting_lines[0].a = [900, 10]; t.value = JSON.stringify(d);");
        browser.findElement(By.id("apply-json")).click();
        browser.findElement(By.id("save-config")).click();
        WebElement errors = browser.findElement(By.id("editor-errors"));
        wait.until(ExpectedConditions.textToBePresentInElement(errors, "counting_lines[0].a"));
        assertThat(errors.getText()).contains("di luar bingkai 640x480");   // the server's code, translated
        assertThat(status.getText()).contains("Tidak disimpan");
        HeadlessChromium.screenshot(browser, "console-editor-errors.png");
        assertThat(rig.store.versions(CameraId.of(HANOI))).containsExactly(1, 2);

        // no script failed on the way (the answers 404 "no frame yet" and 400 "invalid" are expected resource errors)
        List<String> log = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        assertThat(log).as("the browser log is captured").anyMatch(m -> m.contains("status of 400"));
        assertThat(log).filteredOn(m -> !m.contains("Failed to load resource")).isEmpty();
    }

}
