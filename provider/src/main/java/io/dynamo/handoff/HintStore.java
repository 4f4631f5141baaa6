package io.dynamo.handoff;

import io.dynamo.ring.NodeId;
import io.dynamo.spi.StorageEngine.Keyspace;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Durable hints (paper §4.6) in the engine's own hints keyspace (RocksDB column family
 * "hints"), so they survive a restart of the node holding them. One entry per (owner,
 * partition, stored key): the key is the owner id (length-prefixed), the partition (4 bytes,
 * big-endian) and the stored key, so one owner's hints are one prefix scan; the value is the
 * conflict policy and the encoded DVV set. A second hint for the same entry merges into the
 * first (DVV sync), so a key written many times while its owner is down costs one hint.
 *
 * <p>Thread-safe: read-merge-write and compare-and-delete of an entry happen under one of a
 * fixed set of locks picked by the entry's hash.
 */
public final class HintStore {
    private static final int STRIPES = 64;

    private final Keyspace hints;
    private final Object[] locks = new Object[STRIPES];

    public HintStore(Keyspace hints) {
        this.hints = hints;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Keeps {@code state} of a key for {@code owner}, merged with what is already held for it. */
    public void store(NodeId owner, int partition, byte[] storedKey, ConflictPolicy policy, DvvSet state) {
        byte[] key = key(owner, partition, storedKey);
        synchronized (lock(key)) {
            DvvSet merged = hints.get(key).map(v -> DvvSet.decode(Arrays.copyOfRange(v, 1, v.length)).sync(state)).orElse(state);
            if (policy == ConflictPolicy.LAST_WRITE_WINS) {
                merged = merged.lastWriteWins();
            }
            hints.put(key, value(policy, merged));
        }
    }

    /** Deletes {@code hint} only if nothing was merged into it since it was read: a newer state stays for the next delivery. */
    public boolean removeIfUnchanged(Hint hint) {
        byte[] key = key(hint.owner(), hint.partition(), hint.storedKey());
        synchronized (lock(key)) {
            Optional<byte[]> now = hints.get(key);
            if (now.isPresent() && Arrays.equals(now.get(), hint.encoded())) {
                hints.remove(key);
                return true;
            }
            return false;
        }
    }

    /** Visits the hints held for {@code owner}, in key order, until the visitor returns false. */
    public void forOwner(NodeId owner, Predicate<Hint> visitor) {
        byte[] prefix = ownerPrefix(owner);
        hints.scan(prefix, (k, v) -> visitor.test(decode(k, v)));
    }

    /** How many hints are held per intended owner. */
    public Map<NodeId, Long> pendingByOwner() {
        Map<NodeId, Long> counts = new TreeMap<>();
        hints.scan(new byte[0], (k, v) -> {
            counts.merge(ownerOf(k), 1L, Long::sum);
            return true;
        });
        return counts;
    }

    private Object lock(byte[] key) {
        return locks[Math.floorMod(Arrays.hashCode(key), STRIPES)];
    }

    static byte[] key(NodeId owner, int partition, byte[] storedKey) {
        byte[] prefix = ownerPrefix(owner);
        byte[] out = Arrays.copyOf(prefix, prefix.length + 4 + storedKey.length);
        int at = prefix.length;
        out[at] = (byte) (partition >>> 24);
        out[at + 1] = (byte) (partition >>> 16);
        out[at + 2] = (byte) (partition >>> 8);
        out[at + 3] = (byte) partition;
        System.arraycopy(storedKey, 0, out, at + 4, storedKey.length);
        return out;
    }

    private static byte[] ownerPrefix(NodeId owner) {
        byte[] id = owner.value().getBytes(StandardCharsets.UTF_8); // at most 64 ASCII characters
        byte[] out = new byte[1 + id.length];
        out[0] = (byte) id.length;
        System.arraycopy(id, 0, out, 1, id.length);
        return out;
    }

    private static NodeId ownerOf(byte[] key) {
        return new NodeId(new String(key, 1, key[0] & 0xFF, StandardCharsets.UTF_8));
    }

    private static byte[] value(ConflictPolicy policy, DvvSet state) {
        byte[] encoded = state.encode();
        byte[] out = new byte[1 + encoded.length];
        out[0] = (byte) policy.ordinal();
        System.arraycopy(encoded, 0, out, 1, encoded.length);
        return out;
    }

    private static Hint decode(byte[] key, byte[] value) {
        NodeId owner = ownerOf(key);
        int at = 1 + (key[0] & 0xFF);
        int partition = ((key[at] & 0xFF) << 24) | ((key[at + 1] & 0xFF) << 16) | ((key[at + 2] & 0xFF) << 8) | (key[at + 3] & 0xFF);
        byte[] storedKey = Arrays.copyOfRange(key, at + 4, key.length);
        ConflictPolicy policy = ConflictPolicy.values()[value[0]];
        DvvSet state = DvvSet.decode(Arrays.copyOfRange(value, 1, value.length));
        return new Hint(owner, partition, storedKey, policy, state, value.clone());
    }
}
