package io.dynamo.rebalance;

import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;

/** The data plan of one ring step (paper §4.9): which node must be sent which range, from whom, before the step is gossiped. */
final class Transfers {
    private Transfers() {
    }

    /**
     * A range to carry to a node newly responsible for it: partition {@code partition} to
     * {@code target}, now its {@code rank}-th replica and before its {@code formerRank}-th (0: none).
     */
    record Transfer(int partition, Member target, List<Member> sources, int rank, int formerRank) {}

    /**
     * For every partition, the nodes that are new replicas of some cache's keys under {@code next}
     * (paper §4.3, §4.9): a node that is the a-th replica now and was the b-th (or none of the
     * first N) newly holds the keys of the caches with a <= N < b, sent from the old replicas. N
     * is per cache, so the first {@link CacheReplicas#largest()} nodes are compared: a node
     * becoming replica 4 or 5 of a range receives the keys of the caches with N of 4 or 5.
     */
    static List<Transfer> between(Ring ring, Ring next, CacheReplicas caches) {
        List<Transfer> out = new ArrayList<>();
        int n = caches.largest();
        int nBefore = Math.min(n, ring.members().size());
        int nAfter = Math.min(n, next.members().size());
        for (int q = 0; q < ring.partitionCount(); q++) {
            List<Member> before = ring.preferenceList(q, nBefore).primaries();
            List<Member> after = next.preferenceList(q, nAfter).primaries();
            for (int i = 0; i < after.size(); i++) {
                Member m = after.get(i);
                int formerRank = before.indexOf(m) + 1; // 0: none of the first N before
                if (caches.anyIn(i + 1, formerRank == 0 ? Integer.MAX_VALUE : formerRank)) {
                    List<Member> sources = new ArrayList<>(before);
                    sources.remove(m);
                    out.add(new Transfer(q, m, sources, i + 1, formerRank));
                }
            }
        }
        return out;
    }
}
