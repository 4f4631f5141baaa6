package io.dynamo.antientropy;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which replicas of each partition this node keeps identical by anti-entropy, and which exchanges it starts. */
final class PartitionReplicas {
    private final NodeId self;
    private final int replicas;

    PartitionReplicas(NodeId self, int replicas) {
        this.self = self;
        this.replicas = replicas;
    }

    /** The other replicas of {@code partition} if this node is one of them, else empty. */
    Optional<List<Member>> peersOf(Ring r, int partition) {
        List<Member> all = r.preferenceList(partition, Math.min(replicas, r.members().size())).primaries();
        if (all.stream().noneMatch(m -> m.id().equals(self))) {
            return Optional.empty();
        }
        return Optional.of(all.stream().filter(m -> !m.id().equals(self)).toList());
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
