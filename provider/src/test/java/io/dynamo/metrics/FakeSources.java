package io.dynamo.metrics;

import io.dynamo.antientropy.ExchangeStats;
import io.dynamo.coordinator.CoordinatorStats;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What a node would give its metrics, as values a test sets. */
final class FakeSources {
    final AtomicReference<List<PeerState>> members = new AtomicReference<>(List.of(
            new PeerState("n1", "127.0.0.1:7001", "up", 0, 86), new PeerState("n2", "127.0.0.1:7002", "up", 0.4, 85),
            new PeerState("n3", "127.0.0.1:7003", "down", 12.5, 85)));
    final AtomicReference<Map<String, Long>> pending = new AtomicReference<>(Map.of());
    final AtomicLong delivered = new AtomicLong();
    final AtomicReference<CoordinatorStats> coordinator = new AtomicReference<>(new CoordinatorStats(0, 0, 0, 0));
    final ExchangeStats antiEntropy = new ExchangeStats();
    final ExchangeStats repairs = new ExchangeStats();
    final AtomicReference<ChangeProgress> rebalance = new AtomicReference<>(new ChangeProgress("no change planned here", false, 0, 0, 0, 0, 0, ""));
    final AtomicLong keys = new AtomicLong();

    MetricSources sources() {
        return new MetricSources("n1", "memory", members::get, pending::get, delivered::get, coordinator::get, antiEntropy, repairs,
                rebalance::get, keys::get, () -> 4096);
    }
}
