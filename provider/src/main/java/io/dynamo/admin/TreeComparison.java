package io.dynamo.admin;

import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which partitions' replicas disagree, read from every node's Merkle tree summary (paper §4.7):
 * replicas in sync have equal roots and key counts, so an operator sees where anti-entropy still
 * has work without moving a key.
 */
final class TreeComparison {
    private TreeComparison() {}

    /**
     * Partitions whose replicas (the first {@code n} nodes of each preference list) disagree on
     * their tree roots or counts, given every node's summary; a replica with no summary, or whose
     * tree is not built yet, counts as differing.
     */
    static List<Integer> differingPartitions(Ring ring, List<TreeSummaryResult> summaries, int n) {
        Map<String, Map<Integer, PartitionTree>> byNode = new HashMap<>();
        for (TreeSummaryResult s : summaries) {
            Map<Integer, PartitionTree> trees = new HashMap<>();
            for (PartitionTree t : s.partitions()) {
                trees.put(t.partition(), t);
            }
            byNode.put(s.nodeId(), trees);
        }
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < ring.partitionCount(); p++) {
            PartitionTree first = null;
            for (Member m : ring.preferenceList(p, Math.min(n, ring.members().size())).primaries()) {
                PartitionTree t = byNode.getOrDefault(m.id().value(), Map.of()).get(p);
                if (t == null || !t.ready() || (first != null && (!Arrays.equals(first.root(), t.root()) || first.keys() != t.keys()))) {
                    out.add(p);
                    break;
                }
                first = first == null ? t : first;
            }
        }
        return out;
    }
}
