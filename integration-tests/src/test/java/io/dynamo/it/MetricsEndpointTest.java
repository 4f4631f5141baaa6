package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.metrics.PrometheusText;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator's Prometheus sees of real node processes: {@code /metrics} scraped from each
 * node of a three-node cluster while a client loads it, and while a node is down and back.
 */
class MetricsEndpointTest {
    private static final int OPS = 600;

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).metrics().build();

    @Test
    void requestCountersAndLatencySummariesMoveUnderLoad() throws Exception {
        CacheSpec cache = CacheSpec.defaults("metrics-load", ConflictPolicy.SIBLINGS);
        List<PrometheusText> before = scrapeAll();
        load(cache, "load-", OPS);
        DynamoClient client = cluster.client();
        for (int i = 0; i < OPS; i++) {
            client.get(cache, key("load-", i));
        }
        List<PrometheusText> after = scrapeAll();

        double puts = 0;
        double gets = 0;
        for (int n = 0; n < cluster.size(); n++) {
            PrometheusText b = before.get(n);
            PrometheusText a = after.get(n);
            double nodePuts = a.sum("dynamo_requests_seconds_count", "operation", "put") - b.sum("dynamo_requests_seconds_count", "operation", "put");
            double nodeGets = a.sum("dynamo_requests_seconds_count", "operation", "get") - b.sum("dynamo_requests_seconds_count", "operation", "get");
            System.out.printf("%s: +%.0f puts, +%.0f gets, get p50 %.2f ms, p99 %.2f ms%n", cluster.id(n), nodePuts, nodeGets,
                    1000 * a.sum("dynamo_requests_seconds", "operation", "get", "outcome", "ok", "quantile", "0.5"),
                    1000 * a.sum("dynamo_requests_seconds", "operation", "get", "outcome", "ok", "quantile", "0.99"));
            // Each node is the first primary of about a third of the keys: every one coordinates some of the load.
            assertThat(nodePuts).as("puts counted at %s", cluster.id(n)).isPositive();
            assertThat(nodeGets).as("gets counted at %s", cluster.id(n)).isPositive();
            assertThat(a.sum("dynamo_requests_seconds_sum", "operation", "get", "outcome", "ok"))
                    .as("time spent in gets at %s", cluster.id(n)).isGreaterThan(b.sum("dynamo_requests_seconds_sum", "operation", "get", "outcome", "ok"));
            assertThat(a.sum("dynamo_requests_seconds", "operation", "put", "outcome", "ok", "quantile", "0.99"))
                    .as("p99 put latency at %s", cluster.id(n)).isPositive();
            assertThat(a.sum("dynamo_read_siblings_count")).as("reads that found a value at %s", cluster.id(n)).isPositive();
            for (int peer = 0; peer < cluster.size(); peer++) {
                assertThat(a.sum("dynamo_gossip_state", "peer", cluster.id(peer), "state", "up")).as("%s as %s sees it", cluster.id(peer), cluster.id(n))
                        .isEqualTo(1);
            }
            assertThat(a.sum("dynamo_quorum_failures_total")).as("no quorum failure with every node up").isZero();
            puts += nodePuts;
            gets += nodeGets;
        }
        assertThat(puts).as("every put was coordinated somewhere").isGreaterThanOrEqualTo(OPS);
        assertThat(gets).as("every get was coordinated somewhere").isGreaterThanOrEqualTo(OPS);
    }

    @Test
    void hintsPendingRiseWhileANodeIsDownAndFallToZeroAfterItsReturn() throws Exception {
        CacheSpec cache = CacheSpec.defaults("metrics-hints", ConflictPolicy.SIBLINGS);
        int victim = 2;
        String dead = cluster.id(victim);
        cluster.kill(victim);
        load(cache, "hinted-", OPS);
        // With N=3 on three nodes no fallback is left: each coordinator keeps the hint for the dead replica itself (§4.6).
        await("hints for " + dead + " counted by the survivors").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(pendingFor(dead)).isEqualTo(OPS));
        System.out.printf("%s down: %.0f hints pending for it%n", dead, pendingFor(dead));
        double deliveredBefore = survivorsSum("dynamo_hints_delivered_total");

        cluster.start(victim);
        await("hints for " + dead + " delivered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(pendingFor(dead)).isZero());
        assertThat(survivorsSum("dynamo_hints_delivered_total") - deliveredBefore).as("hints delivered to " + dead).isGreaterThanOrEqualTo(OPS);
        assertThat(survivorsSum("dynamo_hints_stored_total")).isGreaterThanOrEqualTo(OPS);
    }

    private static double pendingFor(String owner) throws Exception {
        double total = 0;
        for (int n = 0; n < cluster.size(); n++) {
            if (!cluster.id(n).equals(owner)) {
                total += cluster.scrape(n).sum("dynamo_hints_pending", "owner", owner);
            }
        }
        return total;
    }

    private static double survivorsSum(String metric) throws Exception {
        return cluster.scrape(0).sum(metric) + cluster.scrape(1).sum(metric);
    }

    private static List<PrometheusText> scrapeAll() throws Exception {
        List<PrometheusText> out = new ArrayList<>();
        for (int n = 0; n < cluster.size(); n++) {
            out.add(cluster.scrape(n));
        }
        return out;
    }

    /** {@code count} W=2 puts, at most 32 in flight; every one must succeed. */
    private static void load(CacheSpec cache, String prefix, int count) throws Exception {
        DynamoClient client = cluster.client();
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            writes.add(client.putAsync(cache, key(prefix, i), Context.empty(), ("v" + i).getBytes(StandardCharsets.UTF_8))
                    .whenComplete((ctx, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static byte[] key(String prefix, int i) {
        return (prefix + i).getBytes(StandardCharsets.UTF_8);
    }
}
