package io.dynamo.storage;

import java.util.Objects;

/** Settings common to every engine. Defaults: no sync, keys up to 64 KiB, values up to 16 MiB. */
public record EngineOptions(SyncPolicy sync, int maxKeyBytes, int maxValueBytes) {
    public static final int DEFAULT_MAX_KEY_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;

    public EngineOptions {
        Objects.requireNonNull(sync, "sync");
        if (maxKeyBytes < 1) {
            throw new IllegalArgumentException("maxKeyBytes must be at least 1, got " + maxKeyBytes);
        }
        if (maxValueBytes < 1) {
            throw new IllegalArgumentException("maxValueBytes must be at least 1, got " + maxValueBytes);
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions(SyncPolicy.NONE, DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES);
    }

    public EngineOptions withSync(SyncPolicy policy) {
        return new EngineOptions(policy, maxKeyBytes, maxValueBytes);
    }

    public EngineOptions withMaxKeyBytes(int bytes) {
        return new EngineOptions(sync, bytes, maxValueBytes);
    }

    public EngineOptions withMaxValueBytes(int bytes) {
        return new EngineOptions(sync, maxKeyBytes, bytes);
    }
}
