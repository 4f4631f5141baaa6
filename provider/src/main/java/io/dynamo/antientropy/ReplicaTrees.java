package io.dynamo.antientropy;

import io.dynamo.replica.ReplicaListener;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.ReadMergeWrite;
import io.dynamo.version.DvvSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's Merkle trees, one per partition (covering every cache: caches share partitions),
 * kept current by the replica's change listener on every write, replica write, read repair,
 * handoff and repair, never rebuilt on an exchange.
 *
 * <p>The trees live in memory. At start each is built by one scan of its partition, in the
 * background while the node already serves; a tree not yet built is not ready and takes no part
 * in exchanges. Writes during the build must land exactly once: a key the scan has passed (it
 * runs in key order, and reads each key again under the key's lock) is updated by the listener;
 * a key it has not reached yet is only noted as pending, and read under its lock by the scan or,
 * if the scan never meets it (created after the engine's snapshot), by a final pass over the
 * pending keys. Both the listener and the scan hold the key's lock, so they never interleave on
 * one key.
 */
public final class ReplicaTrees implements ReplicaListener {
    private static final byte[] START = new byte[0];

    private final StorageEngine engine;
    private final ReadMergeWrite rmw;
    private final int maxKeyBytes;
    private final int maxValueBytes;
    private final PartitionTree[] trees;
    /** Each key's digest as last added, so that a write hashes its new state only. */
    private final DigestCache digests = new DigestCache(18);

    /**
     * @param maxKeyBytes   the engine's key limit: a write beyond the limits fails after the
     *                      listener was told, so such a change is not applied to the tree
     * @param maxValueBytes the engine's value limit
     */
    public ReplicaTrees(StorageEngine engine, int partitions, int leafBits, int maxKeyBytes, int maxValueBytes) {
        this.engine = engine;
        this.rmw = new ReadMergeWrite(engine);
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
        this.trees = new PartitionTree[partitions];
        for (int p = 0; p < partitions; p++) {
            trees[p] = new PartitionTree(new MerkleTree(leafBits), digests);
        }
    }

    /** Leaf bits for a ring of {@code partitions}: 1024 leaves each up to 1024 partitions, 32 beyond (memory stays bounded). */
    public static int leafBitsFor(int partitions) {
        return partitions <= 1024 ? 10 : 5;
    }

    public int partitions() {
        return trees.length;
    }

    public int leafBits() {
        return trees[0].tree.leafBits();
    }

    public boolean ready(int partition) {
        return trees[partition].ready;
    }

    public MerkleTree tree(int partition) {
        return trees[partition].tree;
    }

    /** Keys of the partition whose state holds no live value (only tombstones). */
    public long tombstoneKeys(int partition) {
        return trees[partition].tombstones.get();
    }

    @Override
    public void stored(int partition, byte[] storedKey, Optional<byte[]> state) {
        stored(partition, storedKey, engine.get(partition, storedKey), state);
    }

    @Override
    public void stored(int partition, byte[] storedKey, Optional<byte[]> previous, Optional<byte[]> state) {
        if (partition >= trees.length || storedKey.length > maxKeyBytes || state.map(s -> s.length > maxValueBytes).orElse(false)) {
            return; // the engine refuses this write: nothing will change
        }
        PartitionTree t = trees[partition];
        if (t.building && t.deferred(storedKey)) {
            return;
        }
        if (previous.isPresent() && state.isPresent()) {
            t.replace(storedKey, previous.get(), state.get());
        } else {
            previous.ifPresent(s -> t.remove(storedKey, s));
            state.ifPresent(s -> t.add(storedKey, s));
        }
    }

    /** Removes a key the listener is not told of (a purged tombstone); call under the key's lock. */
    void removed(int partition, byte[] storedKey, byte[] state) {
        stored(partition, storedKey, Optional.of(state), Optional.empty());
    }

    /** Builds every tree from the engine, one partition scan each; call once, from a background thread. */
    public void buildAll() {
        for (int p = 0; p < trees.length; p++) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            build(p);
        }
    }

    void build(int partition) {
        PartitionTree t = trees[partition];
        engine.scan(partition, START, (key, value) -> {
            byte[] k = key.clone();
            rmw.apply(partition, k, current -> {
                t.pending.remove(ByteBuffer.wrap(k));
                current.ifPresent(s -> t.add(k, s));
                t.cursor = k;
                return current;
            });
            return true;
        });
        t.cursor = null; // past every key: changes from now on are applied, unless pending
        while (true) {
            Set<ByteBuffer> left;
            synchronized (t) {
                if (t.pending.isEmpty()) {
                    t.building = false;
                    t.ready = true;
                    return;
                }
                left = Set.copyOf(t.pending);
            }
            for (ByteBuffer pending : left) {
                byte[] k = pending.array();
                rmw.apply(partition, k, current -> {
                    if (t.pending.remove(pending)) {
                        current.ifPresent(s -> t.add(k, s));
                    }
                    return current;
                });
            }
        }
    }

    /** Whether a state holds no live value: a tombstone-only key, a candidate for purge once old enough. */
    static boolean tombstoneOnly(byte[] state) {
        return !DvvSet.holdsValue(state);
    }

    private static final class PartitionTree {
        final MerkleTree tree;
        final DigestCache digests;
        final AtomicLong tombstones = new AtomicLong();
        final Set<ByteBuffer> pending = ConcurrentHashMap.newKeySet();
        volatile boolean building = true;
        volatile boolean ready;
        /** The last key the build scan counted; START before it began, null after it ended. */
        volatile byte[] cursor = START;

        PartitionTree(MerkleTree tree, DigestCache digests) {
            this.tree = tree;
            this.digests = digests;
        }

        /**
         * During the build: whether the change must wait for the scan (or the final pass) to
         * read the key. Atomic with the build's last look at the pending keys, so no key is
         * left pending once the tree is declared built.
         */
        synchronized boolean deferred(byte[] storedKey) {
            if (!building) {
                return false;
            }
            byte[] at = cursor;
            boolean notReached = at == START || (at != null && Arrays.compareUnsigned(storedKey, at) > 0);
            if (notReached || pending.contains(ByteBuffer.wrap(storedKey))) {
                pending.add(ByteBuffer.wrap(storedKey.clone()));
                return true;
            }
            return false;
        }

        void add(byte[] key, byte[] state) {
            tree.add(KeyDigests.leafOf(key, tree.leafBits()), digests.added(key, state));
            if (tombstoneOnly(state)) {
                tombstones.incrementAndGet();
            }
        }

        /** A key stored with {@code after} where it was with {@code before}: the key stays in its leaf, so one change of it. */
        void replace(byte[] key, byte[] before, byte[] after) {
            DigestCache.Replaced d = digests.replaced(key, before, after);
            tree.replace(KeyDigests.leafOf(key, tree.leafBits()), d.before(), d.after());
            int tombstoneDelta = (tombstoneOnly(after) ? 1 : 0) - (tombstoneOnly(before) ? 1 : 0);
            if (tombstoneDelta != 0) {
                tombstones.addAndGet(tombstoneDelta);
            }
        }

        void remove(byte[] key, byte[] state) {
            tree.remove(KeyDigests.leafOf(key, tree.leafBits()), digests.digestOf(key, state));
            if (tombstoneOnly(state)) {
                tombstones.decrementAndGet();
            }
        }
    }
}
