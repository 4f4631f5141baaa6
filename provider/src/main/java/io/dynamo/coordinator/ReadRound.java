package io.dynamo.coordinator;

import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.PreferenceList;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One quorum read's progress: completes at R replies, and hands the stale replicas to read repair once every replica answered. */
final class ReadRound {
    private final CacheSpec cache;
    private final byte[] key;
    private final PreferenceList pl;
    private final GetQuorum quorum;
    private final CompletableFuture<DvvSet> result;
    private final ReadRepair repair;
    private boolean repaired;

    ReadRound(CacheSpec cache, byte[] key, PreferenceList pl, GetQuorum quorum, CompletableFuture<DvvSet> result, ReadRepair repair) {
        this.cache = cache;
        this.key = key;
        this.pl = pl;
        this.quorum = quorum;
        this.result = result;
        this.repair = repair;
    }

    /** Takes the quorum's outcome after one more reply (or failure); the quorum's lock guards its state. */
    void settle(QuorumOutcome outcome) {
        DvvSet merged;
        List<String> stale;
        boolean complete = false;
        String failure = null;
        synchronized (quorum) {
            merged = reconcile(quorum.merged());
            if (outcome == QuorumOutcome.REACHED && !result.isDone()) {
                complete = true;
            } else if (outcome == QuorumOutcome.FAILED && !result.isDone()) {
                failure = quorum.describe();
            }
            stale = quorum.pending() > 0 || repaired ? List.of() : quorum.staleReplicas();
            repaired |= quorum.pending() == 0;
        }
        if (complete) {
            result.complete(merged);
        } else if (failure != null) {
            result.completeExceptionally(new QuorumNotReachedException(failure));
        }
        if (!stale.isEmpty()) {
            repair.repair(cache, pl, key, merged, stale);
        }
    }

    private DvvSet reconcile(DvvSet merged) {
        return cache.policy() == ConflictPolicy.LAST_WRITE_WINS ? merged.lastWriteWins() : merged;
    }
}
