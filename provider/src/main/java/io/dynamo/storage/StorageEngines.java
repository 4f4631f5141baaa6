package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.nio.file.Path;
import java.util.Objects;

/** Opens the built-in engines (DESIGN.md decision 9). */
public final class StorageEngines {
    private StorageEngines() {}

    /** An engine in this JVM's memory: for tests and the embedded default. Lost with the process. */
    public static StorageEngine memory(EngineOptions options) {
        Objects.requireNonNull(options, "options");
        return new GuardedEngine(new MemoryEngine(), options, "memory engine");
    }

    /**
     * Opens (creating if needed) a RocksDB engine in {@code directory}.
     *
     * @throws StorageException when the directory cannot be opened, in particular when another
     *     open engine or process holds it
     */
    public static StorageEngine rocksDb(Path directory, EngineOptions options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        if (!rocksDbPresent()) {
            throw new StorageException("the RocksDB engine needs org.rocksdb:rocksdbjni on the class path (an optional "
                    + "dependency of dynamo-provider: add it, or use the memory engine)", null);
        }
        RocksDbEngine raw = RocksDbEngine.open(directory, options);
        return new GuardedEngine(raw, options, raw.toString());
    }

    /** RocksDB is optional in the provider: a client or a memory-engine node does without it. */
    static boolean rocksDbPresent() {
        try {
            Class.forName("org.rocksdb.RocksDB", false, StorageEngines.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
