package io.dynamo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeComparisonTest {
    private static final int Q = 8;
    private static final List<Member> MEMBERS = List.of(Member.parse("a@127.0.0.1:7001"), Member.parse("b@127.0.0.1:7002"),
            Member.parse("c@127.0.0.1:7003"));
    private static final Ring RING = Ring.create(Q, MEMBERS);

    /** Every node holds every partition (N=3 over three nodes) with the same root, except where {@code override} says. */
    private static TreeSummaryResult summary(String node, int partition, PartitionTree override) {
        List<PartitionTree> trees = new ArrayList<>();
        for (int p = 0; p < Q; p++) {
            trees.add(p == partition ? override : new PartitionTree(p, true, new byte[] {(byte) p}, 10, 0));
        }
        return new TreeSummaryResult(node, trees);
    }

    private static TreeSummaryResult same(String node) {
        return summary(node, -1, null);
    }

    @Test
    void replicasWithEqualRootsAndCountsAreInSync() {
        assertThat(TreeComparison.differingPartitions(RING, List.of(same("a"), same("b"), same("c")), 3)).isEmpty();
    }

    @Test
    void aDifferentRootOnOneReplicaMarksThatPartitionOnly() {
        TreeSummaryResult b = summary("b", 5, new PartitionTree(5, true, new byte[] {99}, 10, 0));
        assertThat(TreeComparison.differingPartitions(RING, List.of(same("a"), b, same("c")), 3)).containsExactly(5);
    }

    @Test
    void aDifferentKeyCountMarksThePartitionEvenWithTheSameRoot() {
        TreeSummaryResult c = summary("c", 2, new PartitionTree(2, true, new byte[] {2}, 11, 0));
        assertThat(TreeComparison.differingPartitions(RING, List.of(same("a"), same("b"), c), 3)).containsExactly(2);
    }

    @Test
    void aTreeNotBuiltYetCountsAsDiffering() {
        TreeSummaryResult a = summary("a", 0, new PartitionTree(0, false, new byte[] {0}, 10, 0));
        assertThat(TreeComparison.differingPartitions(RING, List.of(a, same("b"), same("c")), 3)).containsExactly(0);
    }

    @Test
    void aNodeThatGaveNoSummaryMakesEveryPartitionItReplicatesDiffer() {
        assertThat(TreeComparison.differingPartitions(RING, List.of(same("a"), same("b")), 3)).hasSize(Q);
    }
}
