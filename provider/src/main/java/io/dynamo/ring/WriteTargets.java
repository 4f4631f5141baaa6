package io.dynamo.ring;

import java.util.List;

/**
 * Where a write goes under a sloppy quorum (paper §4.6): {@code replicas} are the live primaries
 * and the fallbacks standing in for the others, each fallback with its hint; {@code uncovered} are
 * the primaries no live node could stand in for (fewer live nodes than N, e.g. N=3 on three nodes
 * with one down). The coordinator keeps the hint for those itself: it does not count toward W
 * (the coordinator already did), but the owner still gets the write once it is back.
 */
public record WriteTargets(List<Replica> replicas, List<Member> uncovered) {
    public WriteTargets {
        replicas = List.copyOf(replicas);
        uncovered = List.copyOf(uncovered);
    }
}
