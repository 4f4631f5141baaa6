package io.dynamo.antientropy;

import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a tombstone purge (DESIGN decision 8) of a partition whose exchanges just succeeded with
 * every other replica. Quiet: a purge that fails is retried by the next round, never an error.
 */
final class PurgeTrigger {
    private static final Logger log = LoggerFactory.getLogger(PurgeTrigger.class);
    private static final int MAX_PURGE_BATCH = 1000;

    private final StorageEngine engine;
    private final ReplicaTrees trees;
    private final PeerCalls calls;
    private final RepairWrites writes;
    private final Duration grace;
    private final CacheReplicas caches;

    PurgeTrigger(StorageEngine engine, ReplicaTrees trees, PeerCalls calls, RepairWrites writes, Duration grace, CacheReplicas caches) {
        this.engine = engine;
        this.caches = caches;
        this.trees = trees;
        this.calls = calls;
        this.writes = writes;
        this.grace = grace;
    }

    /**
     * @param replicasWithin the other nodes among the first N replicas of the partition, for an N
     * @return the tombstones purged here
     */
    int purge(int partition, IntFunction<List<Member>> replicasWithin, ExchangeStats stats) {
        if (trees.tombstoneKeys(partition) == 0 || !trees.ready(partition)) {
            return 0;
        }
        try {
            int purged = new TombstonePurge(engine, calls, writes, grace, MAX_PURGE_BATCH, caches).run(partition, replicasWithin, stats);
            if (purged > 0) {
                log.debug("purged {} tombstones of partition {} held by every replica", purged, partition);
            }
            return purged;
        } catch (RuntimeException e) {
            log.debug("tombstone purge of partition {} skipped: {}", partition, e.getMessage());
            return 0;
        }
    }
}
