package io.dynamo.storage;

import io.dynamo.spi.StorageLimitException;
import java.util.Objects;

/**
 * The argument checks every engine applies, in one place, before the engine sees a call: null and
 * empty keys, negative partitions, and the size limits (checked before anything is written).
 */
final class EntryLimits {
    private final int maxKeyBytes;
    private final int maxValueBytes;

    EntryLimits(EngineOptions options) {
        this.maxKeyBytes = options.maxKeyBytes();
        this.maxValueBytes = options.maxValueBytes();
    }

    static int partition(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        return partition;
    }

    /** A key to look up or remove: non-null and non-empty (no size limit: it simply is absent). */
    static byte[] lookupKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }

    /** A key and value about to be written. */
    void checkWrite(byte[] key, byte[] value) {
        lookupKey(key);
        Objects.requireNonNull(value, "value");
        if (key.length > maxKeyBytes) {
            throw new StorageLimitException("key", key.length, maxKeyBytes);
        }
        if (value.length > maxValueBytes) {
            throw new StorageLimitException("value", value.length, maxValueBytes);
        }
    }
}
