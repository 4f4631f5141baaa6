package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory engine (tests, embedded default): one sorted map per partition, ordered by
 * unsigned bytes like RocksDB, so scans behave the same on both engines. Keys and values are
 * copied in and out: callers may reuse or mutate their arrays. Nothing survives the process, so
 * the sync policy has nothing to do here. Raw: used through {@link GuardedEngine}.
 */
final class MemoryEngine implements StorageEngine {
    private final Map<Integer, ConcurrentSkipListMap<byte[], byte[]>> partitions = new ConcurrentHashMap<>();
    private final SortedBytes hints = new SortedBytes();
    /** Kept exact from the previous values that put/remove report, so counting is O(1). */
    private final LongAdder keyCount = new LongAdder();

    @Override
    public Optional<byte[]> get(int partition, byte[] key) {
        ConcurrentSkipListMap<byte[], byte[]> entries = partitions.get(partition);
        if (entries == null) {
            return Optional.empty();
        }
        return copyOf(entries.get(key));
    }

    @Override
    public void put(int partition, byte[] key, byte[] value) {
        ConcurrentSkipListMap<byte[], byte[]> entries =
                partitions.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        if (entries.put(key.clone(), value.clone()) == null) {
            keyCount.increment();
        }
    }

    @Override
    public void remove(int partition, byte[] key) {
        ConcurrentSkipListMap<byte[], byte[]> entries = partitions.get(partition);
        if (entries != null && entries.remove(key) != null) {
            keyCount.decrement();
        }
    }

    @Override
    public void scan(int partition, byte[] fromKey, EntryVisitor visitor) {
        ConcurrentSkipListMap<byte[], byte[]> entries = partitions.get(partition);
        if (entries != null) {
            visitCopies(entries.tailMap(fromKey, true), new byte[0], visitor);
        }
    }

    @Override
    public long approximateKeyCount() {
        return keyCount.sum();
    }

    @Override
    public Keyspace hints() {
        return hints;
    }

    @Override
    public void flush() {
        // Nothing to force: memory is all there is.
    }

    @Override
    public void close() {
        partitions.clear();
        hints.entries.clear();
    }

    private static Optional<byte[]> copyOf(byte[] stored) {
        return stored == null ? Optional.empty() : Optional.of(stored.clone());
    }

    /** Visits copies, so a visitor cannot corrupt the map's keys (and with them its order). */
    private static void visitCopies(Map<byte[], byte[]> range, byte[] prefix, EntryVisitor visitor) {
        for (Map.Entry<byte[], byte[]> entry : range.entrySet()) {
            if (!KeyLayout.startsWith(entry.getKey(), prefix)) {
                return;
            }
            if (!visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
                return;
            }
        }
    }

    private static final class SortedBytes implements Keyspace {
        private final ConcurrentSkipListMap<byte[], byte[]> entries =
                new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

        @Override
        public Optional<byte[]> get(byte[] key) {
            return copyOf(entries.get(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            entries.put(key.clone(), value.clone());
        }

        @Override
        public void remove(byte[] key) {
            entries.remove(key);
        }

        @Override
        public void scan(byte[] prefix, EntryVisitor visitor) {
            visitCopies(entries.tailMap(prefix, true), prefix, visitor);
        }
    }
}
