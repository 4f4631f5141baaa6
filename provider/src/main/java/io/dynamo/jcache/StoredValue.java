package io.dynamo.jcache;

import io.dynamo.coordinator.ExpiryHeader;
import java.nio.ByteBuffer;
import javax.cache.CacheException;

/**
 * The bytes a JCache entry is stored as: a format byte, the absolute expiry time in epoch
 * milliseconds ({@link #ETERNAL} for never) and the codec's bytes. Expiry travels with the value
 * so every client of the cluster sees the same deadline; the first two are the
 * {@link ExpiryHeader} the nodes read to decide expiry, the codec's bytes they never look into.
 */
record StoredValue(long expiresAt, byte[] payload) {
    static final long ETERNAL = ExpiryHeader.ETERNAL;
    private static final byte FORMAT_V1 = ExpiryHeader.FORMAT;
    private static final int HEADER = ExpiryHeader.BYTES;

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
