package io.dynamo.version;

import java.util.function.LongSupplier;

/**
 * A hybrid logical clock (Kulkarni et al.) for last-write-wins: timestamps are wall-clock
 * milliseconds in the high 48 bits and a logical counter in the low 16, never go backwards, and
 * move past every timestamp observed from peers. Thread-safe.
 */
public final class HybridLogicalClock {
    public HybridLogicalClock(LongSupplier wallMillis) {
        throw new UnsupportedOperationException("TODO");
    }

    public static HybridLogicalClock system() {
        return new HybridLogicalClock(System::currentTimeMillis);
    }

    /** A timestamp greater than every one this clock issued or observed. */
    public long now() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Folds in a timestamp seen from a peer. */
    public void observe(long timestamp) {
        throw new UnsupportedOperationException("TODO");
    }

    public static long physicalMillis(long timestamp) {
        return timestamp >>> 16;
    }

    public static int logical(long timestamp) {
        return (int) (timestamp & 0xFFFF);
    }
}
