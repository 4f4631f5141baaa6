package io.dynamo.metrics;

import io.dynamo.antientropy.ExchangeStats;
import io.dynamo.coordinator.CoordinatorStats;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import java.util.List;
import java.util.Map;

/**
 * A node's figures at one moment: what its status page shows, and what a program embedding the
 * node (a demo, a test) reads without scraping.
 */
public record NodeSnapshot(String self, List<PeerState> members, Map<String, Long> hintsPending, long hintsDelivered,
        List<OperationFigures> operations, CoordinatorStats coordinator, Transfer antiEntropy, Transfer repairs, ChangeProgress rebalance,
        String engine, long engineKeys, long engineBytes) {
    public NodeSnapshot {
        members = List.copyOf(members);
        hintsPending = Map.copyOf(hintsPending);
        operations = List.copyOf(operations);
    }

    /** Keys and bytes moved by exchanges, both directions. */
    public record Transfer(long keysSent, long keysReceived, long bytesSent, long bytesReceived) {
        static Transfer of(ExchangeStats s) {
            return new Transfer(s.keysSent(), s.keysReceived(), s.bytesSent(), s.bytesReceived());
        }
    }

    public long hintsPendingTotal() {
        return hintsPending.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests per second over every operation. */
    public double requestsPerSecond() {
        return operations.stream().mapToDouble(OperationFigures::perSecond).sum();
    }
}
