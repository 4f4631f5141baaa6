package io.dynamo.antientropy;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.security.MessageDigest;

/**
 * The Merkle tree of one partition replica (paper §4.7): leaves are buckets of keys chosen by a
 * hash of the key; interior nodes hash their children, so two replicas compare whole partitions
 * by their roots and descend only into differing subtrees.
 *
 * <p>A leaf is the lane-wise sum (mod 2^64) of the 128-bit digests of its keys and their
 * versions ({@link KeyDigests}), so a write changes it in O(1), by subtracting the key's old
 * digest and adding the new one, without re-reading the leaf's other keys; sums commute, so
 * concurrent writes of different keys need no lock. Interior nodes are 128-bit hashes ({@link Digest128}) of
 * their children, recomputed lazily (dirty flags) when someone asks for them. 128 bits are
 * plenty (a changed node matches its old hash with probability 2^-128) and halve the hashes an
 * exchange carries.
 *
 * <p>Shape: fan-out 32, {@code leafBits} a multiple of 5; with 10 bits, 1024 leaves under 32
 * level-1 nodes under the root. Level 0 is the root, level {@link #depth()} the leaves.
 */
public final class MerkleTree implements TreeView {
    public static final int FANOUT_BITS = 5;
    public static final int FANOUT = 1 << FANOUT_BITS;
    public static final int LEAF_HASH_BYTES = Digest128.BYTES;
    public static final int NODE_HASH_BYTES = Digest128.BYTES;

    private final int leafBits;
    private final int depth;
    private final AtomicLongArray lanes; // two per leaf
    private final AtomicIntegerArray counts; // keys per leaf
    private final AtomicLong keys = new AtomicLong();
    /** Per interior level (0..depth-1): node hashes and whether a leaf below changed since. */
    private final byte[][][] nodes;
    private final AtomicIntegerArray[] dirty;

    public MerkleTree(int leafBits) {
        if (leafBits < FANOUT_BITS || leafBits > 20 || leafBits % FANOUT_BITS != 0) {
            throw new IllegalArgumentException("leafBits must be a multiple of " + FANOUT_BITS + " in 5..20, got " + leafBits);
        }
        this.leafBits = leafBits;
        this.depth = leafBits / FANOUT_BITS;
        int leaves = 1 << leafBits;
        this.lanes = new AtomicLongArray(2 * leaves);
        this.counts = new AtomicIntegerArray(leaves);
        this.nodes = new byte[depth][][];
        this.dirty = new AtomicIntegerArray[depth];
        for (int level = 0; level < depth; level++) {
            int width = 1 << (FANOUT_BITS * level);
            nodes[level] = new byte[width][];
            dirty[level] = new AtomicIntegerArray(width);
            for (int i = 0; i < width; i++) {
                dirty[level].set(i, 1);
            }
        }
    }

    public int leafBits() {
        return leafBits;
    }

    @Override
    public int depth() {
        return depth;
    }

    public int leafCount() {
        return 1 << leafBits;
    }

    /** Keys this tree holds. */
    public long keyCount() {
        return keys.get();
    }

    /** Adds a key's contribution (a key now stored with {@code digest}). */
    public void add(int leaf, byte[] digest) {
        change(leaf, digest, 1);
    }

    /** Removes a key's contribution (the digest it was added with). */
    public void remove(int leaf, byte[] digest) {
        change(leaf, digest, -1);
    }

    /**
     * A key of {@code leaf} now stored with {@code after} where it was with {@code before}: one
     * change of the leaf's sums by their difference, where a remove and an add changed it twice
     * and its key count twice (a write's Merkle upkeep was a sixth of a node's CPU).
     */
    public void replace(int leaf, byte[] before, byte[] after) {
        lanes.getAndAdd(2 * leaf, KeyDigests.lane(after, 0) - KeyDigests.lane(before, 0));
        lanes.getAndAdd(2 * leaf + 1, KeyDigests.lane(after, 1) - KeyDigests.lane(before, 1));
        changed(leaf);
    }

    private void change(int leaf, byte[] digest, int sign) {
        lanes.getAndAdd(2 * leaf, sign * KeyDigests.lane(digest, 0));
        lanes.getAndAdd(2 * leaf + 1, sign * KeyDigests.lane(digest, 1));
        counts.getAndAdd(leaf, sign);
        keys.getAndAdd(sign);
        changed(leaf);
    }

    private void changed(int leaf) {
        // After the leaf changed: a reader that clears the flag before reading sees either this
        // change or the flag set again (AtomicIntegerArray gives both orderings).
        int index = leaf;
        for (int level = depth - 1; level >= 0; level--) {
            index >>>= FANOUT_BITS;
            dirty[level].set(index, 1);
        }
    }

    /** The leaf hash: its two lanes, big-endian. */
    public byte[] leafHash(int leaf) {
        return KeyDigests.ofLanes(lanes.get(2 * leaf), lanes.get(2 * leaf + 1));
    }

    public int leafKeys(int leaf) {
        return counts.get(leaf);
    }

    public byte[] root() {
        return hash(0, 0);
    }

    /** The hash of node {@code index} at {@code level} (0 = root, {@link #depth()} = leaves). */
    @Override
    public synchronized byte[] hash(int level, int index) {
        if (level < 0 || level > depth || index < 0 || index >= 1 << (FANOUT_BITS * level)) {
            throw new IllegalArgumentException("no node " + index + " at level " + level + " of a tree of depth " + depth);
        }
        if (level == depth) {
            return leafHash(index);
        }
        if (dirty[level].getAndSet(index, 0) == 1 || nodes[level][index] == null) {
            MessageDigest digest = Digest128.create();
            int first = index << FANOUT_BITS;
            for (int child = first; child < first + FANOUT; child++) {
                digest.update(hash(level + 1, child));
            }
            nodes[level][index] = Digest128.finish(digest);
        }
        return nodes[level][index].clone();
    }

    /** Every leaf hash, for tests and diagnostics. */
    byte[][] leafHashes() {
        byte[][] out = new byte[leafCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = leafHash(i);
        }
        return out;
    }

    /** Same shape and same leaves (hence the same root). */
    boolean sameLeaves(MerkleTree other) {
        return leafBits == other.leafBits && Arrays.deepEquals(leafHashes(), other.leafHashes());
    }
}
