package io.dynamo.version;

import java.time.Duration;
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
 *
 * <p>A timestamp from a peer is bounded: one more than {@code maxAhead} ahead of this node's wall
 * clock is refused. Observed, it would drag this clock (and every write after) into the future;
 * stored, it would win every last-write-wins comparison until that future comes, and near
 * {@code Long.MAX_VALUE} leave no timestamp above it for the next write.
 */
public final class HybridLogicalClock {
    private static final int LOGICAL_BITS = 16;

    /** How far ahead of this node a peer's clock may run: well above NTP skew, far below a poisoning value. */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofMinutes(1);

    private final LongSupplier wallMillis;
    private final long maxAheadMillis;
    private final AtomicLong last = new AtomicLong();

    public HybridLogicalClock(LongSupplier wallMillis) {
        this(wallMillis, DEFAULT_MAX_AHEAD);
    }

    public HybridLogicalClock(LongSupplier wallMillis, Duration maxAhead) {
        this.wallMillis = Objects.requireNonNull(wallMillis, "wallMillis");
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException("maxAhead must not be negative, was " + maxAhead);
        }
        this.maxAheadMillis = maxAhead.toMillis();
    }

    public static HybridLogicalClock system() {
        return new HybridLogicalClock(System::currentTimeMillis);
    }

    /**
     * What this clock reads now, without issuing a timestamp: at least every one it issued or
     * observed. A reply carries it so that a client's next request can be ordered after it.
     */
    public long current() {
        return Math.max(Math.max(0, wallMillis.getAsLong()) << LOGICAL_BITS, last.get());
    }

    /** This node's physical clock in epoch ms: the time expiry deadlines are measured on. */
    public long wallMillis() {
        return Math.max(0, wallMillis.getAsLong());
    }

    /** How far ahead of this clock an observed timestamp may be. */
    public Duration maxAhead() {
        return Duration.ofMillis(maxAheadMillis);
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

    /**
     * Folds in a timestamp seen from a peer.
     *
     * @throws IllegalArgumentException when it is negative or too far ahead of this node's clock
     */
    public void observe(long timestamp) {
        requireBounded(timestamp);
        last.accumulateAndGet(timestamp, Math::max);
    }

    /**
     * Folds in the timestamps of a peer's state of a key, all or none.
     *
     * @throws IllegalArgumentException when one of them is too far ahead of this node's clock
     */
    public void observe(DvvSet state) {
        for (Sibling s : state.siblings()) {
            requireBounded(s.timestamp());
        }
        for (Sibling s : state.siblings()) {
            last.accumulateAndGet(s.timestamp(), Math::max);
        }
    }

    private void requireBounded(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
        }
        long wall = Math.max(0, wallMillis.getAsLong());
        long ahead = physicalMillis(timestamp) - wall;
        if (ahead > maxAheadMillis) {
            throw new IllegalArgumentException("timestamp " + timestamp + " is " + ahead + " ms ahead of this node's clock"
                    + " (at most " + maxAheadMillis + " ms allowed): refused, it would win every write until then");
        }
    }

    public static long physicalMillis(long timestamp) {
        return timestamp >>> 16;
    }

    public static int logical(long timestamp) {
        return (int) (timestamp & 0xFFFF);
    }
}
