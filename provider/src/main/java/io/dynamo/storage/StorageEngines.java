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
        RocksDbEngine raw = RocksDbEngine.open(directory, options);
        return new GuardedEngine(raw, options, raw.toString());
    }
}
