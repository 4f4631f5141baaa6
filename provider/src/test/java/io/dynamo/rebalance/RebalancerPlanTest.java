package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PartitionMove;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data plan of a change: stepping through its moves, every node that becomes a replica of a range is sent it first. */
class RebalancerPlanTest {
    private static final List<Member> THREE = List.of(Member.parse("n1@10.0.0.1:7000"), Member.parse("n2@10.0.0.2:7000"),
            Member.parse("n3@10.0.0.3:7000"));
    private static final Member N4 = Member.parse("n4@10.0.0.4:7000");

    @Test
    void aJoinSendsTheNewcomerEveryRangeItBecomesAReplicaOfBeforeItOwnsIt() {
        Ring start = Ring.create(64, THREE);
        assertEveryNewReplicaIsFedFirst(start, start.join(N4), 3);
    }

    @Test
    void aLeaveSendsTheLeaversRangesToTheirNewReplicas() {
        Ring start = Ring.create(64, THREE).join(N4);
        assertEveryNewReplicaIsFedFirst(start, start.leave(N4.id()), 3);
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {1, 3, 5})
    void aJoinToSixNodesFeedsEveryNewReplicaOfACacheWithItsOwnN(int n) {
        Ring start = Ring.create(64, members(5));
        assertEveryNewReplicaIsFedFirst(start, start.join(Member.parse("n6@10.0.0.6:7000")), n);
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {1, 3, 5})
    void aLeaveFromSixNodesFeedsEveryNewReplicaOfACacheWithItsOwnN(int n) {
        Ring start = Ring.create(64, members(6));
        assertEveryNewReplicaIsFedFirst(start, start.leave(new NodeId("n2")), n);
    }

    private static List<Member> members(int count) {
        List<Member> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Member.parse("n" + i + "@10.0.0." + i + ":7000"));
        }
        return out;
    }

    /**
     * Steps through the change with one cache of N={@code n}: a transfer gives its target the
     * cache's keys only if the target is within the cache's first N and was not before, and after
     * every step each of the first N replicas of every partition holds its keys.
     */
    private static void assertEveryNewReplicaIsFedFirst(Ring start, Ring target, int n) {
        CacheReplicas caches = CacheReplicas.inMemory();
        caches.learn("c", n);
        List<Member> during = new ArrayList<>(start.members());
        for (Member m : target.members()) {
            if (!during.contains(m)) {
                during.add(m);
            }
        }
        // (partition, node) pairs that hold a range's data: the first replicas, then whatever was streamed.
        Set<String> holds = new HashSet<>();
        for (int q = 0; q < start.partitionCount(); q++) {
            for (Member m : start.preferenceList(q, n).primaries()) {
                holds.add(q + ">" + m.id());
            }
        }
        List<PartitionMove> moves = start.movesTo(target);
        Ring ring = start;
        for (int i = 0; i < moves.size(); i++) {
            PartitionMove move = moves.get(i);
            Ring next = ring.withOwner(move.partition(), move.to(), i == moves.size() - 1 ? target.members() : during);
            for (Transfers.Transfer t : Transfers.between(ring, next, caches)) {
                if (t.rank() > n || (t.formerRank() != 0 && t.formerRank() <= n)) {
                    continue; // streams other caches' keys, none of this one's
                }
                assertThat(t.sources()).as("sources of %s", t).isNotEmpty();
                assertThat(holds).as("first source of %s holds the range", t).contains(t.partition() + ">" + t.sources().get(0).id());
                holds.add(t.partition() + ">" + t.target().id());
            }
            ring = next;
            for (int q = 0; q < ring.partitionCount(); q++) {
                for (Member m : ring.preferenceList(q, n).primaries()) {
                    assertThat(holds).as("replica %s of partition %d after step %d", m.id(), q, i).contains(q + ">" + m.id());
                }
            }
        }
        assertThat(ring.partitionCounts()).isEqualTo(target.partitionCounts());
        assertThat(ring.members()).isEqualTo(target.members());
    }
}
