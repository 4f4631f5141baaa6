package io.dynamo.consensus;

import io.dynamo.replica.StoredKey;
import io.dynamo.spi.StorageEngine;
import java.util.Optional;

/**
 * Each key's acceptor state, durable in an engine of its own (RocksDB under the node's data
 * directory, {@code paxos/}), apart from the data engine: the data engine's partitions are
 * scanned whole by anti-entropy, streaming and purge, which must never meet a ballot. An acceptor
 * must not forget a promise or an acceptance across a restart, or a second value could be
 * chosen; RocksDB's write-ahead log keeps every put of a killed process (as it does for the data).
 */
public final class PaxosStore {
    private final StorageEngine engine;

    public PaxosStore(StorageEngine engine) {
        this.engine = engine;
    }

    public PaxosState load(String cache, int partition, byte[] key) {
        return engine.get(partition, StoredKey.of(cache, key)).map(PaxosState::decode).orElse(PaxosState.EMPTY);
    }

    public void save(String cache, int partition, byte[] key, PaxosState state) {
        engine.put(partition, StoredKey.of(cache, key), state.encode());
    }

    /** Forgets a key's state (see {@link PaxosPurge}). */
    public void remove(String cache, int partition, byte[] key) {
        engine.remove(partition, StoredKey.of(cache, key));
    }

    /**
     * Visits the stored keys ({@link StoredKey} form) of a partition with their encoded states, in
     * key order from {@code fromKey} (null: the first), while the visitor returns true.
     */
    public void scanFrom(int partition, byte[] fromKey, StorageEngine.EntryVisitor visitor) {
        engine.scan(partition, fromKey == null ? new byte[0] : fromKey, visitor);
    }

    /** The state of a key when one was ever saved (for tests and diagnosis). */
    public Optional<PaxosState> find(String cache, int partition, byte[] key) {
        return engine.get(partition, StoredKey.of(cache, key)).map(PaxosState::decode);
    }
}
