package io.dynamo.antientropy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The roots of a set of partitions, as one round of anti-entropy compares them with a peer
 * (paper §4.7): one digest over all of them, so that replicas that agree learn it from one small
 * message whatever the partition count, and the roots themselves only when they do not.
 */
final class RootsDigest {
    private static final byte[] NOT_BUILT = new byte[0];

    private RootsDigest() {}

    /** Each partition's root, ascending; empty for a tree not built yet. */
    static List<byte[]> roots(ReplicaTrees trees, BitSet partitions) {
        List<byte[]> out = new ArrayList<>(partitions.cardinality());
        for (int p = partitions.nextSetBit(0); p >= 0; p = partitions.nextSetBit(p + 1)) {
            out.add(trees.ready(p) ? trees.tree(p).root() : NOT_BUILT);
        }
        return out;
    }

    /** The digest of {@link #roots}: a tree not built yet counts as differing from any built one. */
    static byte[] of(List<byte[]> roots) {
        MessageDigest d = Digest128.create();
        for (byte[] root : roots) {
            d.update((byte) root.length);
            d.update(root);
        }
        return Digest128.finish(d);
    }
}
