package io.dynamo.antientropy;

import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.StoredKey;
import io.dynamo.storage.ReadMergeWrite;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.Sibling;
import java.util.Arrays;
import java.util.Optional;

/**
 * How repair changes this replica: a peer's state is merged by version (DVV sync: concurrent
 * versions stay siblings, nothing is overwritten), and a purged tombstone is removed only if it
 * is still exactly the state every replica was seen holding.
 *
 * <p>The conflict policy is per cache and not stored with a key, so repair merges with plain
 * sync for every cache: for a last-write-wins cache the replicas may then hold a few concurrent
 * versions, which the next read reconciles (newest wins) and the next write collapses.
 */
final class RepairWrites {
    private final LocalReplica local;
    private final ReadMergeWrite rmw;
    private final ReplicaTrees trees;
    private final HybridLogicalClock clock;

    RepairWrites(LocalReplica local, ReplicaTrees trees, HybridLogicalClock clock) {
        this.local = local;
        this.rmw = new ReadMergeWrite(local.engine());
        this.trees = trees;
        this.clock = clock;
    }

    void merge(int partition, byte[] storedKey, byte[] state) {
        DvvSet incoming = DvvSet.decode(state);
        for (Sibling s : incoming.siblings()) {
            clock.observe(s.timestamp());
        }
        local.merge(StoredKey.cacheOf(storedKey), partition, StoredKey.keyOf(storedKey), incoming, ConflictPolicy.SIBLINGS);
    }

    /** Removes a tombstone-only key whose state still has {@code digest}; true when removed. */
    boolean purge(int partition, byte[] storedKey, byte[] digest) {
        boolean[] removed = new boolean[1];
        rmw.apply(partition, storedKey, current -> {
            if (current.isEmpty() || !Arrays.equals(KeyDigests.digest(storedKey, current.get()), digest)
                    || !ReplicaTrees.tombstoneOnly(current.get())) {
                return current;
            }
            trees.removed(partition, storedKey, current.get());
            removed[0] = true;
            return Optional.empty();
        });
        return removed[0];
    }
}
