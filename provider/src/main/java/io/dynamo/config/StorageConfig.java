package io.dynamo.config;

import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.SyncPolicy;
import java.nio.file.Path;

/**
 * Where and how a node stores its data ({@code engine}, {@code data-dir}, {@code sync}): RocksDB
 * keeps its files, the saved ring and the ZooKeeper fallback in {@code dataDir}. Keys and values
 * larger than {@code max-key-bytes} / {@code max-value-bytes} are refused before anything is written.
 */
public record StorageConfig(EngineKind engine, Path dataDir, SyncPolicy sync, int maxKeyBytes, int maxValueBytes)
        implements NodeConfig.Part {
    public StorageConfig {
        Check.given("engine", engine);
        Check.given("data-dir", dataDir);
        Check.given("sync", sync);
        Check.atLeast("max-key-bytes", maxKeyBytes, 1);
        Check.atLeast("max-value-bytes", maxValueBytes, 1);
    }

    public static StorageConfig defaults(Path dataDir) {
        return new StorageConfig(NodeDefaults.ENGINE, dataDir, NodeDefaults.SYNC, NodeDefaults.MAX_KEY_BYTES, NodeDefaults.MAX_VALUE_BYTES);
    }

    public StorageConfig withEngine(EngineKind kind) {
        return new StorageConfig(kind, dataDir, sync, maxKeyBytes, maxValueBytes);
    }

    public StorageConfig withSync(SyncPolicy policy) {
        return new StorageConfig(engine, dataDir, policy, maxKeyBytes, maxValueBytes);
    }

    public StorageConfig withMaxValueBytes(int bytes) {
        return new StorageConfig(engine, dataDir, sync, maxKeyBytes, bytes);
    }

    public EngineOptions engineOptions() {
        return new EngineOptions(sync, maxKeyBytes, maxValueBytes);
    }
}
