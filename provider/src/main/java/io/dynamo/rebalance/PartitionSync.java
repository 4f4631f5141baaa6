package io.dynamo.rebalance;

import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.ring.Member;
import java.util.function.IntPredicate;

/**
 * Brings another node's copy of a partition up to this node's by comparing their Merkle trees
 * (paper §4.7) and sending only the keys under differing leaves whose versions differ: the last
 * pass of a change, after a full stream, costs what was written meanwhile, not the partition.
 */
@FunctionalInterface
public interface PartitionSync {
    /**
     * @param replicated which caches' keys travel, by their N
     * @return the keys sent and the bytes of every message of the comparison
     * @throws RuntimeException when the trees cannot be compared (not built yet, the target down): the planner streams in full
     */
    StreamResult push(int partition, Member target, IntPredicate replicated);
}
