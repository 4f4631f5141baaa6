package io.dynamo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP on loopback: Prometheus text, the status page, and nothing else. */
class MetricsServerTest {
    private final FakeSources fake = new FakeSources();
    private final NodeMetrics metrics = new NodeMetrics(fake.sources());
    private final MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), metrics);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = request("GET", "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body()).contains("# TYPE dynamo_requests_seconds summary", "dynamo_gossip_state{");
        assertThat(PrometheusText.scrape("127.0.0.1", server.address().getPort(), Duration.ofSeconds(5))
                .sum("dynamo_gossip_state", "peer", "n3", "state", "down")).isEqualTo(1);
    }

    @Test
    void theStatusPageShowsEveryMemberWithItsStateAndRefreshesItself() throws Exception {
        for (String path : new String[] {"/", "/status"}) {
            HttpResponse<String> r = request("GET", path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(r.body()).contains("<meta http-equiv=\"refresh\"", "data-member=\"n1\"", "data-member=\"n2\"", "data-member=\"n3\"",
                    "<td class=\"l down\">down</td>", "127.0.0.1:7003");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(request("GET", "/admin").statusCode()).isEqualTo(404);
        assertThat(request("POST", "/metrics").statusCode()).isEqualTo(405);
        assertThat(request("DELETE", "/").statusCode()).isEqualTo(405);
        assertThat(request("HEAD", "/metrics").statusCode()).isEqualTo(200);
    }
}
