package io.dynamo.cli.bench;

import java.nio.charset.StandardCharsets;

/** The bench's key space: key {@code i} of {@code [0, keys)} is the UTF-8 bytes of {@code "key-" + i}. */
public final class BenchKeys {
    private static final String PREFIX = "key-";

    private BenchKeys() {}

    public static byte[] key(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("key index must be >= 0, got " + index);
        }
        return (PREFIX + index).getBytes(StandardCharsets.UTF_8);
    }

    /** The readable form of a bench key, for error messages ("key-17"). */
    static String describe(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
