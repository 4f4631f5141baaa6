package io.dynamo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.coordinator.CoordinatorMessage.WriteIncomplete;
import io.dynamo.coordinator.CoordinatorStats;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.version.ConflictPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters a node's figures are bound to, read back through the Prometheus text a scraper sees. */
class NodeMetricsTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("m", ConflictPolicy.SIBLINGS);
    private static final byte[] KEY = {1};

    private final FakeSources fake = new FakeSources();
    private final NodeMetrics metrics = new NodeMetrics(fake.sources());

    @AfterEach
    void close() {
        metrics.close();
    }

    /** A coordinator's handler that answers every request with {@code answer}. */
    private MessageHandler coordinator(Function<Message, CompletableFuture<Message>> answer) {
        return metrics.measure(new MessageHandler() {
            @Override
            public MessageFamily family() {
                return CoordinatorMessage.FAMILY;
            }

            @Override
            public CompletableFuture<Message> handle(Message request, Caller caller) {
                return answer.apply(request);
            }
        });
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }

    @Test
    void everyRequestIsTimedPerOperationAndOutcomeWithPercentiles() {
        MessageHandler handler = coordinator(r -> CompletableFuture.completedFuture(r instanceof Get
                ? new GetResult(1, List.of(new byte[] {7}), new byte[0]) : new PutResult(1, new byte[0])));
        for (int i = 0; i < 5; i++) {
            handler.handle(new Get(CACHE, KEY), Caller.UNKNOWN).join();
        }
        handler.handle(new Put(CACHE, KEY, new byte[0], new byte[] {2}), Caller.UNKNOWN).join();
        handler.handle(new Delete(CACHE, KEY, new byte[0]), Caller.UNKNOWN).join();

        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "get", "outcome", "ok")).isEqualTo(5);
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "put", "outcome", "ok")).isEqualTo(1);
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "delete", "outcome", "ok")).isEqualTo(1);
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "cas")).isZero();
        assertThat(t.find("dynamo_requests_seconds", "operation", "get", "outcome", "ok").stream().map(s -> s.labels().get("quantile")))
                .containsExactlyInAnyOrder("0.5", "0.95", "0.99");
        assertThat(t.find("dynamo_requests_seconds_count", "operation", "get", "outcome", "ok").get(0).labels()).containsEntry("node", "n1");
        assertThat(metrics.snapshot().operations()).filteredOn(o -> o.operation().equals("get")).singleElement()
                .satisfies(o -> assertThat(o.requests()).isEqualTo(5));
    }

    @Test
    void aWriteShortOfWAndAReadShortOfRCountAsQuorumFailures() {
        MessageHandler handler = coordinator(r -> r instanceof Get
                ? CompletableFuture.failedFuture(new QuorumNotReachedException("read quorum not reached: 1 of 2"))
                : CompletableFuture.completedFuture(new WriteIncomplete(1, new byte[0], "write quorum not reached: 1 of 2", 0L)));
        handler.handle(new Get(CACHE, KEY), Caller.UNKNOWN).exceptionally(e -> null).join();
        handler.handle(new Put(CACHE, KEY, new byte[0], new byte[] {2}), Caller.UNKNOWN).join();
        handler.handle(new Put(CACHE, KEY, new byte[0], new byte[] {3}), Caller.UNKNOWN).join();

        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_quorum_failures_total", "operation", "get")).isEqualTo(1);
        assertThat(t.sum("dynamo_quorum_failures_total", "operation", "put")).isEqualTo(2);
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "put", "outcome", "quorum_failed")).isEqualTo(2);
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "put", "outcome", "ok")).isZero();
    }

    @Test
    void aFailureOtherThanAQuorumIsAnErrorNotAQuorumFailure() {
        MessageHandler handler = coordinator(r -> CompletableFuture.failedFuture(new IllegalStateException("disk full")));
        handler.handle(new Get(CACHE, KEY), Caller.UNKNOWN).exceptionally(e -> null).join();
        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "get", "outcome", "error")).isEqualTo(1);
        assertThat(t.sum("dynamo_quorum_failures_total")).isZero();
    }

    @Test
    void siblingsAreSummarizedPerReadThatFoundAValue() {
        List<List<byte[]>> answers = List.of(List.of(new byte[] {1}), List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}), List.of());
        int[] next = {0};
        MessageHandler handler = coordinator(r -> CompletableFuture.completedFuture(new GetResult(1, answers.get(next[0]++), new byte[0])));
        for (int i = 0; i < 3; i++) {
            handler.handle(new Get(CACHE, KEY), Caller.UNKNOWN).join();
        }
        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_read_siblings_count")).isEqualTo(2); // the miss is no read of a value
        assertThat(t.sum("dynamo_read_siblings_sum")).isEqualTo(4);
        assertThat(t.sum("dynamo_read_siblings_max")).isEqualTo(3);
    }

    @Test
    void countersFollowWhatTheConceptPackagesCount() {
        fake.coordinator.set(new CoordinatorStats(7, 2, 3, 5));
        fake.delivered.set(40);
        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_sloppy_writes_total")).isEqualTo(7);
        assertThat(t.sum("dynamo_hints_stored_total")).isEqualTo(2);
        assertThat(t.sum("dynamo_read_repairs_total")).isEqualTo(3);
        assertThat(t.sum("dynamo_read_hedges_total")).isEqualTo(5);
        assertThat(t.sum("dynamo_hints_delivered_total")).isEqualTo(40);
    }

    @Test
    void hintsPendingHaveARowPerPeerThatFallsToZero() {
        fake.pending.set(Map.of("n3", 120L));
        metrics.refresh();
        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_hints_pending", "owner", "n3")).isEqualTo(120);
        assertThat(t.find("dynamo_hints_pending", "owner", "n2")).singleElement().satisfies(s -> assertThat(s.value()).isZero());
        assertThat(t.find("dynamo_hints_pending", "owner", "n1")).as("no hints for itself").isEmpty();

        fake.pending.set(Map.of());
        metrics.refresh();
        assertThat(scrape().find("dynamo_hints_pending", "owner", "n3")).singleElement().satisfies(s -> assertThat(s.value()).isZero());
        assertThat(metrics.snapshot().hintsPendingTotal()).isZero();
    }

    @Test
    void gossipStateAndPhiArePerPeerAndAChangedStateReplacesTheOldRow() {
        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_gossip_state", "peer", "n3", "state", "down")).isEqualTo(1);
        assertThat(t.sum("dynamo_gossip_phi", "peer", "n3")).isEqualTo(12.5);
        assertThat(t.sum("dynamo_ring_partitions", "peer", "n2")).isEqualTo(85);

        fake.members.set(List.of(new PeerState("n1", "127.0.0.1:7001", "up", 0, 86), new PeerState("n2", "127.0.0.1:7002", "up", 0.4, 85),
                new PeerState("n3", "127.0.0.1:7003", "up", 0.2, 85)));
        metrics.refresh();
        PrometheusText after = scrape();
        assertThat(after.find("dynamo_gossip_state", "peer", "n3")).singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("state", "up"));
    }

    @Test
    void antiEntropyRebalanceAndEngineFiguresAreExposed() {
        fake.rebalance.set(new ChangeProgress("join of n4", true, 12, 64, 3000, 120_000, 900, ""));
        fake.keys.set(555);
        metrics.refresh();
        PrometheusText t = scrape();
        assertThat(t.sum("dynamo_rebalance_partitions", "kind", "moved")).isEqualTo(12);
        assertThat(t.sum("dynamo_rebalance_partitions", "kind", "total")).isEqualTo(64);
        assertThat(t.sum("dynamo_rebalance_keys")).isEqualTo(3000);
        assertThat(t.sum("dynamo_rebalance_streamed_bytes")).isEqualTo(120_000);
        assertThat(t.sum("dynamo_rebalance_running")).isEqualTo(1);
        assertThat(t.sum("dynamo_engine_keys", "engine", "memory")).isEqualTo(555);
        assertThat(t.sum("dynamo_engine_size_bytes")).isEqualTo(4096);
        assertThat(t.find("dynamo_antientropy_keys_total", "kind", "periodic", "direction", "sent")).hasSize(1);
        assertThat(t.find("dynamo_antientropy_traffic_bytes_total", "kind", "repair", "direction", "received")).hasSize(1);
    }
}
