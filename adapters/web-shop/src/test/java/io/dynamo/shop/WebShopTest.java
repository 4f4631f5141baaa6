package io.dynamo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.session.DynamoSessionRepository;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The shop page through HTTP, its session and cart in {@code dynamo:embedded}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebShopTest {
    private ConfigurableApplicationContext app;
    private URI base;

    @BeforeAll
    void start() {
        app = SpringApplication.run(WebShopApplication.class, "--server.port=0", "--server.address=127.0.0.1",
                "--dynamo.session.uri=dynamo:embedded", "--dynamo.session.cache=web-shop-test-sessions",
                "--web-shop.cart-cache=web-shop-test-carts", "--web-shop.session-api=true");
        base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> post(HttpClient browser, String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(HttpClient browser, String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aVisitorAddsChangesAndRemovesCartLinesOnThePage() throws Exception {
        HttpClient browser = browser();
        assertThat(get(browser, "/")).contains("Gossip protocol mug").contains("Your cart is empty.");

        assertThat(post(browser, "/cart/add", "sku=gossip-mug").statusCode()).isEqualTo(302);
        post(browser, "/cart/add", "sku=gossip-mug");
        post(browser, "/cart/add", "sku=dynamo-paper");
        assertThat(get(browser, "/")).contains("id=\"quantity-gossip-mug\" value=\"2\"").contains("&euro;37.00");

        post(browser, "/cart/quantity", "sku=gossip-mug&quantity=5");
        post(browser, "/cart/remove", "sku=dynamo-paper");
        String page = get(browser, "/");
        assertThat(page).contains("id=\"quantity-gossip-mug\" value=\"5\"").doesNotContain("data-sku=\"dynamo-paper\"");

        assertThat(get(browser(), "/")).as("another visitor").contains("Your cart is empty.");
    }

    @Test
    void anUnknownProductOrANegativeQuantityIsRefusedAndChangesNothing() throws Exception {
        HttpClient browser = browser();
        post(browser, "/cart/add", "sku=merkle-tree");
        assertThat(post(browser, "/cart/add", "sku=no-such").statusCode()).isEqualTo(400);
        assertThat(post(browser, "/cart/quantity", "sku=merkle-tree&quantity=-1").statusCode()).isEqualTo(400);
        assertThat(get(browser, "/")).contains("id=\"quantity-merkle-tree\" value=\"1\"");
    }

    @Test
    void theSessionApiSetsListsAndRemovesAttributes() throws Exception {
        HttpClient browser = browser();
        browser.send(HttpRequest.newBuilder(base.resolve("/api/session/colour?value=blue"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String shown = get(browser, "/api/session");
        assertThat(shown).contains("colour=blue");
        String id = shown.lines().findFirst().orElseThrow().substring("id=".length());
        assertThat(app.getBean(DynamoSessionRepository.class).findById(id).<String>getAttribute("colour"))
                .as("the HttpSession is the Dynamo session").isEqualTo("blue");
        browser.send(HttpRequest.newBuilder(base.resolve("/api/session/colour")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get(browser, "/api/session")).doesNotContain("colour");
    }
}
