package io.dynamo.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian ({@code chromium} and {@code chromium-driver}, which .ci/run installs),
 * driven by Selenium with both paths given, so that Selenium Manager never runs and nothing is
 * downloaded.
 */
final class WebShopBrowser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebShopBrowser() {
    }

    /** Empty when the browser can run here, else why not. */
    static String unavailableReason() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "no " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run does)";
        }
        return "";
    }

    static ChromeDriver start(Path logDir) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File(logDir.toFile(), "chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--user-data-dir=" + logDir.resolve("chromium-profile"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
