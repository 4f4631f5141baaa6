package io.dynamo.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
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

    /**
     * Clicks a form's submit button and returns once the page it leads to has loaded. A click does
     * not wait for the navigation it starts, so the next lookup could otherwise run against the old
     * page or one still loading; on a page without the expected element, the failure shows the page.
     */
    static void submit(ChromeDriver driver, By button, By expectedOnNextPage) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        try {
            org.awaitility.Awaitility.await("the page after " + button).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> isStale(oldPage)
                            && "complete".equals(driver.executeScript("return document.readyState"))
                            && !driver.findElements(expectedOnNextPage).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + expectedOnNextPage + " after " + button + " on " + driver.getCurrentUrl()
                    + ":\n" + driver.getPageSource(), e);
        }
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }
}
