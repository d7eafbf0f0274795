package id.pantau.app.console;

import id.pantau.enforcement.complaint.CameraAlert;
import id.pantau.enforcement.complaint.ComplaintCategory;
import id.pantau.enforcement.complaint.ComplaintStatus;
import id.pantau.enforcement.complaint.ComplaintStore;
import id.pantau.enforcement.complaint.ValidComplaint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Pengaduan" page in a real headless Chromium: Dishub sees the open complaints, the camera's own report confirmed
 * by its signal fault with the camera's snapshot, a citizen's contact redacted, forwards a complaint to an agency,
 * filters by category, and gets the per-day chart (uPlot from /vendor/) and its CSV; an admin sees the contact; the
 * police have no such page. The complaint texts are written for this test. Needs chromium and chromium-driver.
 */
class ComplaintsPageBrowserTest {
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static ChromeDriver browser;
    static long cameraReport;
    static long citizen;

    @BeforeAll
    static void start() throws Exception {
        rig = new ConsoleTestRig(dir);
        Instant fault = Instant.now().minusSeconds(600);
        rig.services.complaints().recordAlert(new CameraAlert("simpang-kawat-n:signal_fault:north:7", "signal_fault",
                "simpang-kawat-n", fault, "north", "dark: all lamps off for 12 s"), rig.snapshots.getFirst());
        cameraReport = rig.services.complaints().upsert(ComplaintStore.SYSTEM, "kamera", new ValidComplaint(
                "kamera:simpang-kawat-n:signal_fault:north:7", ComplaintCategory.LAMPU_LALU_LINTAS_MATI,
                "Laporan otomatis kamera simpang-kawat-n: lampu lalu lintas di Simpang Kawat, arah north terdeteksi mati.",
                fault, -1.6140, 103.6125, "Simpang Kawat", null, null, null), ComplaintStatus.DITERUSKAN,
                "Dishub Kota Jambi", "simpang-kawat-n").complaint().id();
        // a citizen's complaint through the API with a real integration key
        String key = rig.services.apiKeys().create("test", "sikesal").secret();
        HttpResponse<String> filed = rig.send("POST", "/api/complaints", key, """
                {"external_id": "SKL-UI-0001", "category": "macet",
                 "text": "Macet total di depan Pasar Angso Duo sejak pukul 16.00, tidak ada petugas. (teks uji)",
                 "reported_at": "%s", "location": {"lat": -1.5930, "lon": 103.6210, "address": "Pasar Angso Duo"},
                 "area": "Pasar Jambi", "reporter_contact": "Siti Aminah, 0813-6600-4321"}"""
                .formatted(OffsetDateTime.now(ZoneOffset.ofHours(7)).minusMinutes(30).withNano(0)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        citizen = ConsoleTestRig.json(filed).get("complaint").get("id").asLong();

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
    void dishubWorksTheComplaintsBesideWhatTheCamerasSaw() throws Exception {
        try {
            work();
        } catch (Exception | AssertionError e) {
            HeadlessChromium.screenshot(browser, "console-complaints-failure.png");
            Files.writeString(Path.of("target", "console-complaints-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private void work() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.manage().logs().get(LogType.BROWSER);   // drains what earlier pages logged (the camera page's 404s)
        signIn(wait, "dishub1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-page='complaints']"))).click();
        WebElement rows = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-rows")));
        wait.until(d -> rows.findElements(By.cssSelector("tr[data-complaint]")).size() == 2);
        assertThat(rows.getText()).contains("Macet", "Lampu lalu lintas mati", "terkonfirmasi kamera", "Pasar Angso Duo")
                .doesNotContain("lampu_lalu_lintas_mati");

        // the camera's own report: confirmed by the fault, with the camera's picture
        rows.findElement(By.cssSelector("tr[data-complaint='" + cameraReport + "']")).click();
        WebElement detail = browser.findElement(By.id("complaint"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("corroborated")));
        assertThat(detail.getText()).contains("Terkonfirmasi kamera", "Diteruskan ke OPD", "Dishub Kota Jambi",
                "lampu padam", "dari utara", "simpang-kawat-n (0 m)", "WIB");
        WebElement snap = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#corroborations img")));
        wait.until(d -> (Boolean) browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", snap));

        // the citizen's complaint: contact redacted for Dishub; forwarded to an agency
        rows.findElement(By.cssSelector("tr[data-complaint='" + citizen + "']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-text"), "Pasar Angso Duo"));
        assertThat(browser.findElement(By.id("reporter")).getText()).isEqualTo("disembunyikan");
        assertThat(browser.getPageSource()).doesNotContain("0813-6600-4321");
        WebElement opd = browser.findElement(By.id("opd"));
        opd.clear();
        opd.sendKeys("Satlantas Polresta Jambi");
        clickButton(wait, "Teruskan ke OPD");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-status"), "Pengaduan diteruskan."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint"), "Satlantas Polresta Jambi"));
        assertThat(rig.services.complaints().get(citizen).status()).isEqualTo("diteruskan");
        assertThat(rig.services.complaints().get(citizen).opd()).isEqualTo("Satlantas Polresta Jambi");

        // the chart of the last 30 days (uPlot from this server) and its CSV
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#complaint-chart .uplot canvas")));
        assertThat(chart.getSize().getWidth()).isGreaterThan(300);
        assertThat(browser.findElement(By.id("complaint-chart")).getAttribute("data-days")).isEqualTo("30");
        assertThat(browser.findElement(By.id("complaint-chart")).getText()).contains("Macet", "Lampu lalu lintas mati");
        WebElement csv = browser.findElement(By.id("complaint-csv"));
        wait.until(d -> "true".equals(csv.getAttribute("data-ready")));
        // the link holds the CSV the page fetched with the token (the CSP keeps fetch() off blob: URLs, so the same
        // request is made here to read it)
        assertThat(csv.getAttribute("href")).startsWith("blob:" + rig.url);
        String name = csv.getAttribute("download");
        assertThat(name).matches("pengaduan-per-hari-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv");
        String range = name.substring("pengaduan-per-hari-".length(), name.length() - 4);
        HttpResponse<byte[]> text = rig.getBytes("/api/complaints/daily.csv?from=" + range.substring(0, 10) + "&to="
                + range.substring(11), rig.login(id.pantau.enforcement.auth.Role.DISHUB));
        assertThat(new String(text.body(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("tanggal,macet,lampu_lalu_lintas_mati,").contains(",1,1,0,0,0,2\r\n");
        HeadlessChromium.screenshot(browser, "console-complaints.png");

        // filters: one category
        new Select(browser.findElement(By.id("filter-category"))).selectByValue("lampu_lalu_lintas_mati");
        browser.findElement(By.cssSelector("#complaint-filters button[type=submit]")).click();
        wait.until(d -> rows.findElements(By.cssSelector("tr[data-complaint]")).size() == 1);
        assertThat(rows.findElement(By.cssSelector("tr[data-complaint]")).getAttribute("data-complaint"))
                .isEqualTo(Long.toString(cameraReport));

        // the page in English after the switch (it draws again with the complaint last opened), then in Indonesian
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Citizen complaints (SiKesal)"));
        WebElement rowsEn = browser.findElement(By.id("complaint-rows"));
        wait.until(d -> rowsEn.findElements(By.cssSelector("tr[data-complaint]")).size() == 2);
        assertThat(rowsEn.getText()).contains("Traffic jam", "Traffic light out", "confirmed by camera")
                .doesNotContain("terkonfirmasi");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint"), "Forwarded to agency"));
        assertThat(browser.findElement(By.id("complaint")).getText()).contains("Nearest cameras", "Reporter", "hidden")
                .doesNotContain("Kamera terdekat");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint-chart"), "Traffic light out"));
        assertThat(browser.findElement(By.id("complaint-csv")).getText()).isEqualTo("Download CSV");
        HeadlessChromium.screenshot(browser, "console-complaints-en.png");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Pengaduan masyarakat (SiKesal)"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("complaint"), "Kamera terdekat"));

        // (the console has no favicon: the browser's own request for it is not the page's doing)
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> !e.getMessage().contains("/favicon.ico")).toList();
        assertThat(errors).as("no script error, no CSP refusal").isEmpty();

        // an admin sees the contact; the police have no complaints page
        signIn(wait, "admin1");
        browser.get(rig.url + "/#/complaints/" + citizen);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reporter"), "Siti Aminah, 0813-6600-4321"));
        signIn(wait, "police1");
        assertThat(browser.findElements(By.cssSelector("#nav a[data-page='complaints']"))).isEmpty();
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
    }

    @Test
    void anAdminCreatesRotatesAndRevokesTheSikesalKey() throws Exception {
        try {
            keys();
        } catch (Exception | AssertionError e) {
            HeadlessChromium.screenshot(browser, "console-api-keys-failure.png");
            Files.writeString(Path.of("target", "console-api-keys-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private void keys() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        signIn(wait, "admin1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-page='api-keys']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-api-key-name"))).sendKeys("sikesal-uji");
        browser.findElement(By.cssSelector("#main form button[type=submit]")).click();
        String first = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key-secret"))).getText();
        assertThat(first).startsWith("pk_");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='sikesal-uji']")));
        assertThat(row.getText()).contains("aktif", first.substring(0, 9));
        // a key that works reaches the intake (an empty body is the client's 400, not a 401)
        assertThat(rig.send("POST", "/api/complaints", first, "{}").statusCode()).isEqualTo(400);

        row.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Ganti kunci")).findFirst()
                .orElseThrow().click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("api-key-status"), "diganti"));
        String second = browser.findElement(By.id("api-key-secret")).getText();
        assertThat(second).startsWith("pk_").isNotEqualTo(first);
        assertThat(rig.send("POST", "/api/complaints", first, "{}").statusCode()).isEqualTo(401);
        assertThat(rig.send("POST", "/api/complaints", second, "{}").statusCode()).isEqualTo(400);

        WebElement current = browser.findElement(By.cssSelector("tr[data-key='sikesal-uji']"));
        current.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Cabut")).findFirst()
                .orElseThrow().click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-key='sikesal-uji']"), "dicabut"));
        assertThat(rig.send("POST", "/api/complaints", second, "{}").statusCode()).isEqualTo(401);
        assertThat(browser.findElements(By.cssSelector("tr[data-key='sikesal-uji'] button"))).isEmpty();
        HeadlessChromium.screenshot(browser, "console-api-keys.png");
        // the page in English after the switch, then in Indonesian
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Integration API keys"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-key='sikesal-uji']"), "revoked"));
        assertThat(browser.findElement(By.cssSelector("#main form button[type=submit]")).getText()).isEqualTo("Create key");
        assertThat(browser.findElement(By.tagName("thead")).getText()).contains("Prefix", "Rotated").doesNotContain("Awalan");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Kunci API integrasi"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-key='sikesal-uji']"), "dicabut"));
        browser.executeScript("localStorage.clear(); sessionStorage.clear();");
    }

    private void clickButton(WebDriverWait wait, String label) {
        wait.until(d -> d.findElements(By.cssSelector("#complaint-actions button")).stream()
                .filter(b -> b.getText().equals(label)).findFirst().orElse(null)).click();
    }

    private void signIn(WebDriverWait wait, String user) {
        HeadlessChromium.signIn(browser, wait, rig.url, user);
        wait.until(d -> !d.findElements(By.cssSelector("#nav a")).isEmpty());
    }

}
