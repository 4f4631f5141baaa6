package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The one place where a key is read, merged and written back atomically, above every engine
 * (engines stay simple get/put stores). Per-key mutual exclusion with striped locks.
 *
 * <p>A replica merges an incoming version with what it holds (paper §4.4: reconciling versions
 * must never lose a concurrent write), and two merges of one key must not interleave between
 * the read and the write. The stripes are shared by every instance, so two instances over the
 * same engine still exclude each other; unrelated keys rarely share a stripe. Plain
 * {@link StorageEngine#put} calls bypass the locks: writers of versioned values go through here.
 */
public final class ReadMergeWrite {
    private static final int STRIPES = 1024; // a power of two, for masking
    private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final StorageEngine engine;

    public ReadMergeWrite(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Atomically with respect to other calls for the same key: reads the current value, applies
     * {@code merge}, and writes the result when it differs (an empty result removes the key).
     *
     * @return what is stored afterwards
     */
    public Optional<byte[]> apply(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge) {
        return apply(partition, key, merge, Written.NONE);
    }

    /** Told of a change once the engine has stored it, still under the key's lock (so in the key's order). */
    @FunctionalInterface
    public interface Written {
        Written NONE = (before, after) -> { };

        void stored(Optional<byte[]> before, Optional<byte[]> after);
    }

    /**
     * Like {@link #apply(int, byte[], UnaryOperator)}, and tells {@code written} of a change after
     * the engine stored it: state derived from the stored data (a Merkle tree) must not follow a
     * write the engine refused, or it would match its peers while the data does not.
     */
    public Optional<byte[]> apply(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge, Written written) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(merge, "merge");
        ReentrantLock lock = LOCKS[stripe(partition, key)];
        lock.lock();
        try {
            Optional<byte[]> current = engine.get(partition, key);
            // Compare against a private copy: a merge that edits the array it was given and
            // returns it must still be written.
            byte[] read = current.map(byte[]::clone).orElse(null);
            Optional<byte[]> merged = Objects.requireNonNull(merge.apply(current), "merge returned null");
            byte[] result = merged.orElse(null);
            if (!Arrays.equals(read, result)) { // null equals only null: absent vs empty value differ
                if (result == null) {
                    engine.remove(partition, key);
                } else {
                    engine.put(partition, key, result);
                }
                written.stored(Optional.ofNullable(read), merged);
            }
            return merged;
        } finally {
            lock.unlock();
        }
    }

    static int stripe(int partition, byte[] key) {
        int h = Arrays.hashCode(key) * 31 + partition;
        h ^= h >>> 16; // spread high bits into the masked low ones
        return h & (STRIPES - 1);
    }
}
