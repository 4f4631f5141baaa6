package io.dynamo.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local, byte-oriented store for one node: the vnode contract of riak_core, kept small on purpose.
 *
 * <p>Keys are laid out partition-first, so that everything a partition holds is one range scan
 * (handoff, anti-entropy and rebalancing move whole partitions). The engine knows nothing of
 * versions: the per-key read-merge-write of versioned values lives once, above every engine.
 *
 * <p>Implementations are thread-safe. Keys and values are never interpreted.
 */
public interface StorageEngine extends AutoCloseable {

    /** The value stored under {@code key} in {@code partition}, if any. */
    Optional<byte[]> get(int partition, byte[] key);

    /**
     * The values of several keys, in the order of {@code keys}: what {@link #get} of each would
     * give. Engines with a batched lookup (RocksDB's {@code multiGet}) override it to cross into
     * the engine once instead of once per key.
     */
    default List<Optional<byte[]>> getAll(List<Key> keys) {
        List<Optional<byte[]>> values = new ArrayList<>(keys.size());
        for (Key k : keys) {
            values.add(get(k.partition(), k.key()));
        }
        return values;
    }

    /**
     * Applies {@code updates} in their order as one write (group commit): an engine that can makes
     * it one atomic batch with one log write, and under a syncing policy one sync, for all of them.
     * Once this returns, every update survives as a {@link #put} or {@link #remove} would. When it
     * throws, the caller must take none of them as stored; an engine without atomic batches (this
     * default, one call per update) may have stored a prefix.
     *
     * @throws StorageLimitException when any key or value exceeds the engine's limits; nothing is written
     */
    default void write(List<Update> updates) {
        for (Update u : updates) {
            if (u.value().isPresent()) {
                put(u.key().partition(), u.key().key(), u.value().get());
            } else {
                remove(u.key().partition(), u.key().key());
            }
        }
    }

    /**
     * Stores {@code value} under {@code key}, replacing what was there. Once this returns, the
     * write survives the death of this process (and, under a syncing policy, of the machine).
     *
     * @throws StorageLimitException when the key or value exceeds the engine's limits; nothing is written
     */
    void put(int partition, byte[] key, byte[] value);

    /** Removes {@code key} from {@code partition}; a missing key is not an error. */
    void remove(int partition, byte[] key);

    /**
     * Visits the entries of one partition in unsigned lexicographic key order, starting at
     * {@code fromKey} inclusive (an empty array starts at the beginning), until the visitor
     * returns {@code false} or the partition ends. The visitor must not keep the arrays' contents
     * beyond the call unless it copies them. Concurrent writes may or may not be seen.
     */
    void scan(int partition, byte[] fromKey, EntryVisitor visitor);

    /** An estimate of the number of keys held by the whole engine, for status displays. */
    long approximateKeyCount();

    /** The separate keyspace that holds hints for hinted handoff (paper §4.6). */
    Keyspace hints();

    /** Forces everything written so far to durable storage, whatever the sync policy. */
    void flush();

    /** Flushes and releases the engine; using it afterwards throws {@link IllegalStateException}. */
    @Override
    void close();

    /** A key of one partition. */
    record Key(int partition, byte[] key) {
        public Key {
            Objects.requireNonNull(key, "key");
        }
    }

    /** One change of a {@link #write(List)}: store {@code value} under {@code key}, or remove the key when it is empty. */
    record Update(Key key, Optional<byte[]> value) {
        public Update {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Receives entries from a scan. */
    @FunctionalInterface
    interface EntryVisitor {
        /** @return {@code true} to continue the scan */
        boolean visit(byte[] key, byte[] value);
    }

    /** A flat keyspace beside the partitioned data, with the same durability. */
    interface Keyspace {
        Optional<byte[]> get(byte[] key);

        void put(byte[] key, byte[] value);

        void remove(byte[] key);

        /** Visits the entries whose key starts with {@code prefix}, in key order. */
        void scan(byte[] prefix, EntryVisitor visitor);
    }
}
