package io.dynamo.cli.bench;

import java.util.List;

/**
 * What {@link LoadBench} drives: one get and one put on raw bytes. The CLI adapts the
 * Dynamo client to it; tests use an in-memory map.
 *
 * <p>Both methods are called concurrently from every load thread. A thrown exception is one failed
 * operation: it is counted against its kind (GET or PUT), its latency is not recorded, and the
 * first few messages are kept for the report. The implementation must not mutate either array:
 * each load thread passes the same value array to every put (the bench itself never changes it,
 * so keeping a reference is safe).
 */
public interface BenchTarget {

    /** Reads {@code key}; answers whether a value was found, so that misses can be counted. */
    boolean get(byte[] key) throws Exception;

    /** Writes {@code value} under {@code key}; returns once the store acknowledged the write. */
    void put(byte[] key, byte[] value) throws Exception;

    /**
     * Whether {@link #putAll} writes many keys in one call (a streamed preload); when not, the
     * preload writes key by key with {@link #put}.
     */
    default boolean writesInBulk() {
        return false;
    }

    /**
     * Writes {@code value} under every one of {@code keys}; returns once the store acknowledged
     * them all. A failure may leave some written: the preload re-sends the whole call.
     */
    default void putAll(List<byte[]> keys, byte[] value) throws Exception {
        for (byte[] key : keys) {
            put(key, value);
        }
    }
}
