package io.dynamo.replica;

import java.nio.charset.StandardCharsets;

/**
 * The engine key of a cache's key: the cache name, length-prefixed, then the key's bytes. Caches
 * share partitions (a partition is a range of the ring, whatever the cache), so one scan of a
 * partition moves every cache's keys of that range.
 */
public final class StoredKey {
    private StoredKey() {}

    public static byte[] of(String cache, byte[] key) {
        byte[] name = cache.getBytes(StandardCharsets.UTF_8);
        if (name.length > 255) {
            throw new IllegalArgumentException("cache name longer than 255 bytes");
        }
        byte[] out = new byte[1 + name.length + key.length];
        out[0] = (byte) name.length;
        System.arraycopy(name, 0, out, 1, name.length);
        System.arraycopy(key, 0, out, 1 + name.length, key.length);
        return out;
    }

    public static String cacheOf(byte[] stored) {
        return new String(stored, 1, stored[0] & 0xFF, StandardCharsets.UTF_8);
    }

    public static byte[] keyOf(byte[] stored) {
        int offset = 1 + (stored[0] & 0xFF);
        byte[] key = new byte[stored.length - offset];
        System.arraycopy(stored, offset, key, 0, key.length);
        return key;
    }
}
