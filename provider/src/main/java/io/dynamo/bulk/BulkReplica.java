package io.dynamo.bulk;

import io.dynamo.bulk.BulkMessage.BulkReplicaWrite;
import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica's side of a bulk put: each state of the batch merged into the stored one, as a single
 * replica write merges it (paper §4.5), so a concurrent version already stored is never lost.
 */
final class BulkReplica {
    private final LocalReplica local;
    private final KeyPartitions partitions;
    private final CacheReplicas caches;
    private final HybridLogicalClock clock;

    BulkReplica(LocalReplica local, KeyPartitions partitions, CacheReplicas caches, HybridLogicalClock clock) {
        this.local = local;
        this.partitions = partitions;
        this.caches = caches;
        this.clock = clock;
    }

    /**
     * Merges the batch. Every entry is checked first (its key's partition, its state's encoding,
     * its timestamps against the bound on clock skew), so that a bad entry refuses the whole batch
     * with nothing stored.
     */
    void merge(BulkReplicaWrite write) {
        List<DvvSet> states = new ArrayList<>(write.keys().size());
        for (int i = 0; i < write.keys().size(); i++) {
            partitions.require(write.partitions()[i], write.keys().get(i));
            DvvSet state;
            try {
                state = DvvSet.decode(write.states().get(i));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("bulk replica write: malformed state of entry " + i + ": " + e.getMessage());
            }
            clock.observe(state);
            states.add(state);
        }
        caches.learn(write.cache(), write.n());
        local.mergeAll(write.cache(), write.partitions(), write.keys(), states, write.policy());
    }
}
