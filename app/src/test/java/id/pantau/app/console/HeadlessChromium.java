package id.pantau.app.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The console's browser tests' Chromium: Debian's {@code chromium} and {@code chromium-driver}, headless, reaching
 * nothing but 127.0.0.1, with the page's console errors kept for the tests to read. One place, so every page is
 * tested in the same browser set-up.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** The options every test shares, at this window size; add a test's own before {@link #start}. */
    static ChromeOptions options(int width, int height) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=" + width + "," + height,
                // loopback only: no DNS lookups for anything but 127.0.0.1
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        o.setCapability("goog:loggingPrefs", Map.of("browser", "SEVERE"));
        return o;
    }

    /** The video element may start playing without a click (the live view's tests). */
    static ChromeOptions withAutoplay(ChromeOptions o) {
        o.addArguments("--autoplay-policy=no-user-gesture-required");
        return o;
    }

    static ChromeDriver start(ChromeOptions o) {
        // an explicit driver path: Selenium Manager never runs (it would try to download a driver)
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), o);
    }

    /**
     * Opens the console at {@code url} with nothing remembered (no session, default language) and submits the login
     * form as {@code user}; the caller waits for what its page shows next.
     */
    static void signIn(WebDriver browser, WebDriverWait wait, String url, String user) {
        browser.get(url + "/");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear(); sessionStorage.clear();");
        browser.get(url + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(ConsoleTestRig.PASSWORD);
        browser.findElement(By.id("login-button")).click();
    }

    /** What the page looks like now, as {@code target/NAME} (kept by the build for the report). */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
