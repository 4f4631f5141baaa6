package io.dynamo.antientropy;

import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which replicas of each partition this node keeps identical by anti-entropy, and which exchanges it starts.
 *
 * <p>N is per cache (paper §4.3) while a node keeps one Merkle tree per partition over every
 * cache (§4.7: a tree per key range, and caches share ranges). A partition's tree is therefore
 * compared with the first N nodes of its preference list for the largest N of the caches, and
 * in an exchange between the a-th and the b-th replica only the keys of caches with N of at
 * least max(a, b) travel, so a key is never pushed to, or pulled from, a node outside its own
 * cache's N. Between two of the first three replicas every key of an N=3 cache travels as
 * before; a pair such as replicas 1 and 5 exchanges only the N=5 caches' keys, and their trees
 * keep differing by the others' keys, so such an exchange always scans its differing leaves:
 * the price of one tree per partition (trees per N class would avoid it).
 */
final class PartitionReplicas {
    private final NodeId self;
    private final CacheReplicas caches;

    PartitionReplicas(NodeId self, CacheReplicas caches) {
        this.self = self;
        this.caches = caches;
    }

    /** The other replicas of {@code partition} if this node is one of them, else empty. */
    Optional<List<Member>> peersOf(Ring r, int partition) {
        List<Member> all = r.preferenceList(partition, Math.min(caches.largest(), r.members().size())).primaries();
        if (all.stream().noneMatch(m -> m.id().equals(self))) {
            return Optional.empty();
        }
        return Optional.of(all.stream().filter(m -> !m.id().equals(self)).toList());
    }

    /** The other nodes among the first {@code n} replicas of {@code partition}: whom a purge of an N={@code n} cache's key asks. */
    List<Member> peersWithin(Ring r, int partition, int n) {
        return r.preferenceList(partition, Math.min(n, r.members().size())).primaries().stream().filter(m -> !m.id().equals(self)).toList();
    }

    /**
     * The least N whose keys both this node and {@code peer} hold a replica of in {@code
     * partition}: the larger of their ranks (1 = first replica) in its preference list.
     */
    int pairRank(Ring r, int partition, Member peer) {
        List<Member> all = r.preferenceList(partition, Math.min(caches.largest(), r.members().size())).primaries();
        int mine = 0;
        int theirs = 0;
        for (int i = 0; i < all.size(); i++) {
            NodeId id = all.get(i).id();
            if (id.equals(self)) {
                mine = i + 1;
            } else if (id.equals(peer.id())) {
                theirs = i + 1;
            }
        }
        return mine == 0 || theirs == 0 ? Integer.MAX_VALUE : Math.max(mine, theirs);
    }

    /** The partitions this node holds a replica of, with other replicas to compare with. */
    List<Integer> held(Ring r) {
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < r.partitionCount(); p++) {
            if (peersOf(r, p).isPresent()) {
                partitions.add(p);
            }
        }
        return partitions;
    }

    /**
     * An exchange repairs both sides, so each (partition, pair of replicas) needs one initiator:
     * the lower id of the pair for even partitions, the higher for odd ones, which spreads the
     * work evenly over the nodes.
     */
    boolean initiates(int partition, Member peer) {
        boolean lower = self.compareTo(peer.id()) < 0;
        return ((partition & 1) == 0) == lower;
    }

    /** Every replica's view is needed to purge a tombstone; only the partition's first replica asks. */
    boolean purges(Ring r, int partition) {
        return r.preferenceList(partition, 1).primaries().get(0).id().equals(self);
    }
}
