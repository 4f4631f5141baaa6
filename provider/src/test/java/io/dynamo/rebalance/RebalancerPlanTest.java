package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.ring.Member;
import io.dynamo.ring.PartitionMove;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The data plan of a change: stepping through its moves, every node that becomes a replica of a range is sent it first. */
class RebalancerPlanTest {
    private static final List<Member> THREE = List.of(Member.parse("n1@10.0.0.1:7000"), Member.parse("n2@10.0.0.2:7000"),
            Member.parse("n3@10.0.0.3:7000"));
    private static final Member N4 = Member.parse("n4@10.0.0.4:7000");

    @Test
    void aJoinSendsTheNewcomerEveryRangeItBecomesAReplicaOfBeforeItOwnsIt() {
        Ring start = Ring.create(64, THREE);
        assertEveryNewReplicaIsFedFirst(start, start.join(N4));
    }

    @Test
    void aLeaveSendsTheLeaversRangesToTheirNewReplicas() {
        Ring start = Ring.create(64, THREE).join(N4);
        assertEveryNewReplicaIsFedFirst(start, start.leave(N4.id()));
    }

    private static void assertEveryNewReplicaIsFedFirst(Ring start, Ring target) {
        List<Member> during = new ArrayList<>(start.members());
        for (Member m : target.members()) {
            if (!during.contains(m)) {
                during.add(m);
            }
        }
        // (partition, node) pairs that hold a range's data: the first replicas, then whatever was streamed.
        Set<String> holds = new HashSet<>();
        for (int q = 0; q < start.partitionCount(); q++) {
            for (Member m : start.preferenceList(q, 3).primaries()) {
                holds.add(q + ">" + m.id());
            }
        }
        List<PartitionMove> moves = start.movesTo(target);
        Ring ring = start;
        for (int i = 0; i < moves.size(); i++) {
            PartitionMove move = moves.get(i);
            Ring next = ring.withOwner(move.partition(), move.to(), i == moves.size() - 1 ? target.members() : during);
            for (Rebalancer.Transfer t : Rebalancer.transfers(ring, next)) {
                assertThat(t.sources()).as("sources of %s", t).isNotEmpty().allMatch(s -> holds.contains(t.partition() + ">" + s.id()));
                holds.add(t.partition() + ">" + t.target().id());
            }
            ring = next;
            for (int q = 0; q < ring.partitionCount(); q++) {
                for (Member m : ring.preferenceList(q, 3).primaries()) {
                    assertThat(holds).as("replica %s of partition %d after step %d", m.id(), q, i).contains(q + ">" + m.id());
                }
            }
        }
        assertThat(ring.partitionCounts()).isEqualTo(target.partitionCounts());
        assertThat(ring.members()).isEqualTo(target.members());
    }
}
