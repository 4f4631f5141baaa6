package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one place where a key is read, merged and written back atomically, above every engine
 * (engines stay simple get/put stores). Per-key mutual exclusion with striped locks.
 */
public final class ReadMergeWrite {
    public ReadMergeWrite(StorageEngine engine) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Atomically with respect to other calls for the same key: reads the current value, applies
     * {@code merge}, and writes the result when it differs (an empty result removes the key).
     *
     * @return what is stored afterwards
     */
    public Optional<byte[]> apply(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge) {
        throw new UnsupportedOperationException("TODO");
    }
}
