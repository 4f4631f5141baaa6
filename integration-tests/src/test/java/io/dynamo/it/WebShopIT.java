package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The example web shop in two JVMs against three node JVMs: one HttpSession served by both
 * instances (Spring Session in Dynamo), simultaneous requests to it that do not overwrite each
 * other, removal, expiry and the principal index across instances, and a kill -9 of a node.
 * A "browser" is an HttpClient with a cookie store: cookies ignore the port, so it sends its
 * session cookie to both instances, as a load balancer in front of them would.
 */
class WebShopIT {
    /** Spring Session's FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, the attribute the index follows. */
    /**
     * The node the kill tests kill: always the same one, since a node restarted for the next test may
     * still be held down by its peers' failure detectors for a while, and a kill of another would
     * leave one replica.
     */
    private static final int KILLED = 2;
    private static final String PRINCIPAL = "org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME";
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).build();
    @RegisterExtension
    static final WebShopApps apps = new WebShopApps(cluster);

    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The session as the instance shows it: attribute name to value, with {@code id} first. */
    static Map<String, String> session(WebShopApp app, HttpClient browser) throws Exception {
        Map<String, String> attributes = new TreeMap<>();
        for (String line : app.get(browser, "/api/session").body().split("\n")) {
            int eq = line.indexOf('=');
            attributes.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return attributes;
    }

    @Test
    void aSessionMadeOnOneInstanceIsReadOnTheOther() throws Exception {
        HttpClient browser = browser();
        String made = apps.app(0).put(browser, "/api/session/colour?value=blue").body();
        Map<String, String> read = session(apps.app(1), browser);
        assertThat(read).containsEntry("colour", "blue");
        assertThat(made).startsWith("id=" + read.get("id"));
    }

    @Test
    void fortyRoundsOfSimultaneousRequestsToBothInstancesKeepAllEightyAttributes() throws Exception {
        HttpClient browser = browser();
        apps.app(0).put(browser, "/api/session/start?value=0");
        WebShopApp one = apps.app(0);
        WebShopApp two = apps.app(1);
        for (int round = 0; round < 40; round++) {
            String a = "/api/session/a" + round + "?value=" + round;
            String b = "/api/session/b" + round + "?value=" + round;
            CompletableFuture<?> left = CompletableFuture.runAsync(() -> call(() -> one.put(browser, a)));
            CompletableFuture<?> right = CompletableFuture.runAsync(() -> call(() -> two.put(browser, b)));
            CompletableFuture.allOf(left, right).get(60, TimeUnit.SECONDS);
        }
        for (WebShopApp app : List.of(one, two)) {
            Map<String, String> read = session(app, browser);
            for (int round = 0; round < 40; round++) {
                assertThat(read).containsEntry("a" + round, String.valueOf(round)).containsEntry("b" + round, String.valueOf(round));
            }
            assertThat(read).hasSize(1 + 1 + 80);
        }
    }

    @Test
    void anAttributeRemovedOnOneInstanceIsGoneOnBoth() throws Exception {
        HttpClient browser = browser();
        apps.app(0).put(browser, "/api/session/coupon?value=SPRING");
        apps.app(1).put(browser, "/api/session/kept?value=yes");
        apps.app(1).delete(browser, "/api/session/coupon");
        for (int i = 0; i < 2; i++) {
            assertThat(session(apps.app(i), browser)).doesNotContainKey("coupon").containsEntry("kept", "yes");
        }
    }

    @Test
    void aSessionUnusedForItsIntervalExpiresOnBothInstancesAndLeavesThePrincipalIndex() throws Exception {
        HttpClient browser = browser();
        Login login = login(browser, "expiring-", 3);
        String user = login.user();
        String id = login.id();

        // Nobody uses it: a lookup or an instance's sweep finds it expired and deletes it, index entry and all.
        await("expired session out of the principal index").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> apps.app(0).get(browser(), "/api/principal/" + user).body().isEmpty());
        Map<String, String> after = session(apps.app(1), browser);
        assertThat(after.get("id")).as("a new session").isNotEqualTo(id);
        assertThat(after).doesNotContainKey(PRINCIPAL);
    }

    @Test
    void aSessionInUseIsExtendedAndLogoutEmptiesTheIndex() throws Exception {
        HttpClient browser = browser();
        Login login = login(browser, "active-", 4);
        String user = login.user();
        String id = login.id();
        AtomicInteger requests = new AtomicInteger();
        // Accessed every half second, through either instance, for twice its interval: still the same session.
        await("the session kept alive by its requests").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> id.equals(session(apps.app(requests.incrementAndGet() % 2), browser).get("id")));
        assertThat(apps.app(1).get(browser(), "/api/principal/" + user).body()).isEqualTo(id);
        apps.app(1).post(browser, "/api/logout", "");
        assertThat(apps.app(0).get(browser(), "/api/principal/" + user).body()).isEmpty();
    }

    @Test
    void aKillOfANodeLosesNoSessionAttributeNorCartLine() throws Exception {
        HttpClient browser = browser();
        List<String> skus = List.of("dynamo-paper", "vector-clock", "merkle-tree", "gossip-mug");
        List<String> attributes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            apps.app(i % 2).put(browser, "/api/session/before" + i + "?value=" + i);
            attributes.add("before" + i);
        }
        apps.app(0).post(browser, "/cart/add", "sku=" + skus.get(0));
        apps.app(1).post(browser, "/cart/add", "sku=" + skus.get(1));

        cluster.kill(KILLED);
        for (int i = 0; i < 10; i++) {
            apps.app(i % 2).put(browser, "/api/session/after" + i + "?value=" + i);
            attributes.add("after" + i);
        }
        apps.app(1).post(browser, "/cart/add", "sku=" + skus.get(2));
        apps.app(0).post(browser, "/cart/add", "sku=" + skus.get(3));

        for (int i = 0; i < 2; i++) {
            assertThat(session(apps.app(i), browser)).containsKeys(attributes.toArray(String[]::new));
            String page = apps.app(i).get(browser, "/").body();
            for (String sku : skus) {
                assertThat(page).contains("id=\"quantity-" + sku + "\" value=\"1\"");
            }
        }
    }

    @Test
    void inABrowserItemsAddedOnOneInstanceAreAllThereOnTheOtherAfterAKillOfANode() throws Exception {
        String unavailable = WebShopBrowser.unavailableReason();
        Assumptions.assumeTrue(unavailable.isEmpty(), unavailable);
        ChromeDriver driver = WebShopBrowser.start(cluster.workDir());
        try {
            driver.get(apps.app(0).base().resolve("/").toString());
            By cart = By.id("cart");
            WebShopBrowser.submit(driver, By.id("add-dynamo-paper"), cart);
            WebShopBrowser.submit(driver, By.id("add-gossip-mug"), cart);
            WebShopBrowser.submit(driver, By.id("add-gossip-mug"), cart);

            cluster.kill(KILLED);
            driver.get(apps.app(1).base().resolve("/").toString()); // the same session cookie: cookies ignore the port
            WebShopBrowser.submit(driver, By.id("add-merkle-tree"), cart);
            WebElement quantity = driver.findElement(By.id("quantity-gossip-mug"));
            quantity.clear();
            quantity.sendKeys("3");
            WebShopBrowser.submit(driver, By.id("update-gossip-mug"), cart);
            WebShopBrowser.submit(driver, By.id("add-vector-clock"), By.id("remove-vector-clock"));
            WebShopBrowser.submit(driver, By.id("remove-vector-clock"), cart);

            driver.get(apps.app(0).base().resolve("/").toString());
            Map<String, String> lines = new TreeMap<>();
            for (WebElement line : driver.findElements(By.cssSelector("#cart tr.line"))) {
                lines.put(line.getAttribute("data-sku"), line.findElement(By.name("quantity")).getAttribute("value"));
            }
            Path screenshot = Path.of("target", "web-shop-cart.png").toAbsolutePath();
            Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
            assertThat(lines).as("cart page, screenshot " + screenshot)
                    .isEqualTo(Map.of("dynamo-paper", "1", "gossip-mug", "3", "merkle-tree", "1"));
        } finally {
            driver.quit();
        }
    }

    /** Logs in through one instance, checks the other finds the session by principal, sets its interval through that other. */
    private static Login login(HttpClient browser, String userPrefix, int maxInactiveSeconds) throws Exception {
        String user = userPrefix + System.nanoTime();
        apps.app(0).post(browser, "/api/login", "user=" + user);
        String id = session(apps.app(0), browser).get("id");
        assertThat(apps.app(1).get(browser(), "/api/principal/" + user).body()).isEqualTo(id);
        apps.app(1).put(browser, "/api/session-timeout?seconds=" + maxInactiveSeconds);
        return new Login(user, id);
    }

    private record Login(String user, String id) {
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void call(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
