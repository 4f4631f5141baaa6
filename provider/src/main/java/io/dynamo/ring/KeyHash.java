package io.dynamo.ring;

import java.util.Objects;
import net.openhft.hashing.LongHashFunction;

/** The position of a key on the ring: a stable 64-bit hash of its bytes, identical in every JVM. */
public final class KeyHash {
    /**
     * xxHash64, seed 0. Fast, well mixed in its top bits (which pick the partition), and specified
     * independently of the JVM, so a client and every node place a key identically (paper §4.2).
     * Changing it would move every key: KeyHashTest pins known values.
     */
    private static final LongHashFunction XX64 = LongHashFunction.xx();

    private KeyHash() {}

    public static long hash(byte[] key) {
        Objects.requireNonNull(key, "key");
        return XX64.hashBytes(key);
    }
}
