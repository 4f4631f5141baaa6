package io.dynamo.coordinator;

import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.version.DvvSet;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read repair (paper §5): once every replica of a read has answered, the reconciled state is
 * pushed to those that answered with less, so a key that is read converges without waiting for
 * anti-entropy. Best effort: a failed repair is left to the next read or to anti-entropy (§4.7).
 */
final class ReadRepair {
    private static final Logger log = LoggerFactory.getLogger(ReadRepair.class);

    private final NodeId self;
    private final LocalReplica local;
    private final PeerClient peers;
    private final LongAdder repaired = new LongAdder();
    private final Executor storage;

    /** @param storage where this node's own replica is merged: the node's storage threads, never the network thread of the last reply */
    ReadRepair(NodeId self, LocalReplica local, PeerClient peers, Executor storage) {
        this.self = self;
        this.local = local;
        this.peers = peers;
        this.storage = storage;
    }

    /** Stale replicas sent a repair so far (each replica of each read once). */
    long repaired() {
        return repaired.sum();
    }

    /** Pushes {@code merged} to the primaries named in {@code stale} (node ids), this node's own replica included. */
    void repair(CacheSpec cache, PreferenceList pl, byte[] key, DvvSet merged, List<String> stale) {
        ReplicaWrite write = new ReplicaWrite(cache.name(), pl.partition(), key, cache.policy(), cache.n(), merged.encode());
        for (Member m : pl.primaries()) {
            if (!stale.contains(m.id().value())) {
                continue;
            }
            repaired.increment();
            if (m.id().equals(self)) {
                mergeHere(cache, pl, key, merged);
            } else {
                logFailure(peers.call(m, write, cache.timeout()), m.id().value());
            }
        }
    }

    private void mergeHere(CacheSpec cache, PreferenceList pl, byte[] key, DvvSet merged) {
        try {
            logFailure(CompletableFuture.runAsync(() -> local.merge(cache.name(), pl.partition(), key, merged, cache.policy()), storage),
                    self.value());
        } catch (RejectedExecutionException closing) {
            log.debug("read repair of {} skipped: the node is shutting down", self);
        }
    }

    private static void logFailure(CompletableFuture<?> repair, String replica) {
        repair.whenComplete((r, e) -> {
            if (e != null) {
                log.debug("read repair of {} failed: {}", replica, PeerClient.reason(e));
            }
        });
    }
}
