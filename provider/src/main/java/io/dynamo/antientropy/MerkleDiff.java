package io.dynamo.antientropy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the leaves where two trees of the same shape differ (paper §4.7): compare the roots, then
 * ask only for the children of differing nodes, one level at a time, so the hashes that travel
 * grow with the differences, not with the data.
 */
public final class MerkleDiff {
    private MerkleDiff() {}

    /** Differing leaf indices, ascending; empty when the roots match. */
    public static int[] differingLeaves(TreeView local, TreeView remote) {
        return differingLeaves(local, remote, false);
    }

    /**
     * @param rootsDiffer the roots are known to differ (compared in a batch of partitions, {@link PeriodicRound}):
     *                    the descent starts below them
     */
    public static int[] differingLeaves(TreeView local, TreeView remote, boolean rootsDiffer) {
        if (local.depth() != remote.depth()) {
            throw new IllegalArgumentException("trees of depths " + local.depth() + " and " + remote.depth() + " cannot be compared");
        }
        int[] differing = {0};
        for (int level = rootsDiffer ? 1 : 0; level <= local.depth(); level++) {
            int[] candidates = level == 0 ? differing : children(differing);
            byte[][] mine = local.hashes(level, candidates);
            byte[][] theirs = remote.hashes(level, candidates);
            List<Integer> next = new ArrayList<>();
            for (int i = 0; i < candidates.length; i++) {
                if (!Arrays.equals(mine[i], theirs[i])) {
                    next.add(candidates[i]);
                }
            }
            differing = next.stream().mapToInt(Integer::intValue).toArray();
            if (differing.length == 0) {
                break;
            }
        }
        return differing;
    }

    private static int[] children(int[] parents) {
        int[] out = new int[parents.length * MerkleTree.FANOUT];
        int k = 0;
        for (int p : parents) {
            for (int c = 0; c < MerkleTree.FANOUT; c++) {
                out[k++] = (p << MerkleTree.FANOUT_BITS) + c;
            }
        }
        return out;
    }
}
