package io.dynamo.jcache;

import java.nio.ByteBuffer;
import javax.cache.CacheException;

/**
 * The bytes a JCache entry is stored as: a format byte, the absolute expiry time in epoch
 * milliseconds ({@link #ETERNAL} for never) and the codec's bytes. Expiry travels with the value
 * so every client of the cluster sees the same deadline; nodes never look inside.
 */
record StoredValue(long expiresAt, byte[] payload) {
    static final long ETERNAL = Long.MAX_VALUE;
    private static final byte FORMAT_V1 = 1;
    private static final int HEADER = 1 + Long.BYTES;

    boolean isExpiredAt(long nowMillis) {
        return expiresAt <= nowMillis;
    }

    byte[] encode() {
        return ByteBuffer.allocate(HEADER + payload.length).put(FORMAT_V1).putLong(expiresAt).put(payload).array();
    }

    static StoredValue decode(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != FORMAT_V1) {
            throw new CacheException("a stored value is not in the JCache format (written by another client?): "
                    + bytes.length + " bytes, format byte " + (bytes.length == 0 ? "none" : bytes[0]));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.get();
        long expiresAt = in.getLong();
        byte[] payload = new byte[bytes.length - HEADER];
        in.get(payload);
        return new StoredValue(expiresAt, payload);
    }
}
