package io.dynamo.storage;

/** Settings common to every engine. Defaults: no sync, keys up to 64 KiB, values up to 16 MiB. */
public record EngineOptions(SyncPolicy sync, int maxKeyBytes, int maxValueBytes) {
    public static final int DEFAULT_MAX_KEY_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;

    public EngineOptions {
        throw new UnsupportedOperationException("TODO: validate (positive limits, non-null policy)");
    }

    public static EngineOptions defaults() {
        return new EngineOptions(SyncPolicy.NONE, DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES);
    }
}
