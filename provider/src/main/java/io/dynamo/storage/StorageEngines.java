package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.nio.file.Path;

/** Opens the built-in engines. */
public final class StorageEngines {
    private StorageEngines() {}

    public static StorageEngine memory(EngineOptions options) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Opens (creating if needed) a RocksDB engine in {@code directory}. */
    public static StorageEngine rocksDb(Path directory, EngineOptions options) {
        throw new UnsupportedOperationException("TODO");
    }
}
