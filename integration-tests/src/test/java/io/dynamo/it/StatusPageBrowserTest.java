package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The node's status page as an operator sees it, in headless Chromium (the web shop's set-up):
 * a three-node cluster under a client's bounded load, then with a node killed.
 */
class StatusPageBrowserTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("status-page", ConflictPolicy.SIBLINGS);
    private static final int MAX_OPS = 100_000;
    private static final Duration MAX_LOAD = Duration.ofSeconds(120);

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).metrics().build();

    @Test
    void theStatusPageShowsEveryMemberWithItsStateRequestRatesAndHintsForADeadNode() throws Exception {
        String unavailable = WebShopBrowser.unavailableReason();
        Assumptions.assumeTrue(unavailable.isEmpty(), unavailable);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        Thread load = new Thread(() -> load(cluster.client(), stop, done), "status-page-load");
        load.start();
        ChromeDriver driver = WebShopBrowser.start(cluster.workDir());
        try {
            String page = "http://" + cluster.host(0) + ":" + cluster.metricsPort(0) + "/";
            driver.get(page);
            await("every member up and requests coming in, on " + page).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().untilAsserted(() -> {
                        driver.navigate().refresh();
                        assertThat(states(driver)).isEqualTo(Map.of(cluster.id(0), "up", cluster.id(1), "up", cluster.id(2), "up"));
                        assertThat(rate(driver, "put")).isPositive();
                        assertThat(rate(driver, "get")).isPositive();
                    });
            Path running = screenshot(driver, "status-page.png");
            System.out.printf("status page of %s: puts %.1f/s, gets %.1f/s after %d operations; screenshot %s%n", cluster.id(0),
                    rate(driver, "put"), rate(driver, "get"), done.get(), running);

            cluster.kill(2);
            await(cluster.id(2) + " down and hints kept for it, on " + page).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().untilAsserted(() -> {
                        driver.navigate().refresh();
                        assertThat(states(driver)).containsEntry(cluster.id(2), "down").containsEntry(cluster.id(1), "up");
                        assertThat(hintsPending(driver, cluster.id(2))).isPositive();
                        assertThat(rate(driver, "put")).isPositive();
                    });
            Path down = screenshot(driver, "status-page-node-down.png");
            System.out.printf("with %s killed: %d hints pending for it; screenshot %s%n", cluster.id(2), hintsPending(driver, cluster.id(2)), down);
        } finally {
            driver.quit();
            stop.set(true);
            load.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(load.isAlive()).as("the load stopped").isFalse();
    }

    /** Puts and gets of a few hundred keys until told to stop, at most {@link #MAX_OPS} or {@link #MAX_LOAD}; a failed request is retried by the next. */
    private static void load(DynamoClient client, AtomicBoolean stop, AtomicLong done) {
        long deadline = System.nanoTime() + MAX_LOAD.toNanos();
        for (int i = 0; !stop.get() && i < MAX_OPS && System.nanoTime() < deadline; i++) {
            byte[] key = ("page-" + (i % 500)).getBytes(StandardCharsets.UTF_8);
            try {
                if (i % 2 == 0) {
                    client.put(CACHE, key, Context.empty(), ("v" + i).getBytes(StandardCharsets.UTF_8));
                } else {
                    client.get(CACHE, key);
                }
                done.incrementAndGet();
            } catch (RuntimeException e) {
                // a request caught by the kill; the next one goes on
            }
        }
    }

    private static Map<String, String> states(ChromeDriver driver) {
        Map<String, String> out = new TreeMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#members tr[data-member]"))) {
            out.put(row.getAttribute("data-member"), row.findElements(By.tagName("td")).get(2).getText());
        }
        return out;
    }

    private static double rate(ChromeDriver driver, String operation) {
        return Double.parseDouble(driver.findElement(By.cssSelector("#requests tr[data-operation='" + operation + "'] td.rate")).getText());
    }

    private static long hintsPending(ChromeDriver driver, String owner) {
        for (WebElement row : driver.findElements(By.cssSelector("#hints tr"))) {
            var cells = row.findElements(By.tagName("td"));
            if (cells.size() == 2 && cells.get(0).getText().equals(owner)) {
                return Long.parseLong(cells.get(1).getText());
            }
        }
        return 0;
    }

    private static Path screenshot(ChromeDriver driver, String name) throws Exception {
        Path file = Path.of("target", name).toAbsolutePath();
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
