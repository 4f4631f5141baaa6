package io.dynamo.coordinator;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The small header that starts every value of a cache with {@link CacheSpec#expiring()}: a format
 * byte and the absolute expiry deadline, 8 bytes big-endian epoch milliseconds ({@link #ETERNAL}
 * for never), then bytes the nodes never look into. It is the one part of a value the nodes read,
 * so that expiry is decided in the cluster's time, by the coordinator, instead of on each
 * client's wall clock (a client whose clock ran ahead would see, and delete, live entries).
 */
public final class ExpiryHeader {
    public static final byte FORMAT = 1;
    public static final int BYTES = 1 + Long.BYTES;
    public static final long ETERNAL = Long.MAX_VALUE;

    private ExpiryHeader() {}

    /** The deadline {@code value} carries, or empty when it does not start with this header. */
    public static OptionalLong deadline(byte[] value) {
        if (value.length < BYTES || value[0] != FORMAT) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(value, 1, Long.BYTES).getLong());
    }

    /** Whether {@code value}'s deadline is at or before {@code nowMillis}; a value without the header never expires. */
    public static boolean isExpiredAt(byte[] value, long nowMillis) {
        OptionalLong d = deadline(value);
        return d.isPresent() && d.getAsLong() <= nowMillis;
    }
}
