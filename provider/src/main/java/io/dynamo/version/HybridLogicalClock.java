package io.dynamo.version;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock (Kulkarni et al.) for last-write-wins: timestamps are wall-clock
 * milliseconds in the high 48 bits and a logical counter in the low 16, never go backwards, and
 * move past every timestamp observed from peers. Thread-safe.
 *
 * <p>Packing both parts in one long makes the HLC rule a single comparison: the next timestamp
 * is the larger of "wall clock, logical 0" and "last + 1". While the wall clock stands still
 * or goes backwards the logical part counts up; were it to pass 65535 it carries into the
 * millisecond part, which stays correct (strictly increasing) and only runs a little ahead of
 * the wall clock until it catches up.
 */
public final class HybridLogicalClock {
    private static final int LOGICAL_BITS = 16;

    private final LongSupplier wallMillis;
    private final AtomicLong last = new AtomicLong();

    public HybridLogicalClock(LongSupplier wallMillis) {
        this.wallMillis = Objects.requireNonNull(wallMillis, "wallMillis");
    }

    public static HybridLogicalClock system() {
        return new HybridLogicalClock(System::currentTimeMillis);
    }

    /** A timestamp greater than every one this clock issued or observed. */
    public long now() {
        long physical = Math.max(0, wallMillis.getAsLong()) << LOGICAL_BITS;
        while (true) {
            long prev = last.get();
            long next = Math.max(physical, prev + 1);
            if (last.compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** Folds in a timestamp seen from a peer. */
    public void observe(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
        }
        last.accumulateAndGet(timestamp, Math::max);
    }

    public static long physicalMillis(long timestamp) {
        return timestamp >>> 16;
    }

    public static int logical(long timestamp) {
        return (int) (timestamp & 0xFFFF);
    }
}
