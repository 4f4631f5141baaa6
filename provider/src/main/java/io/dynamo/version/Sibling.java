package io.dynamo.version;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One concurrent version of a key: its dot, its hybrid-logical-clock timestamp (for
 * last-write-wins), and either a value or a tombstone (deletes are versioned, DESIGN §8).
 *
 * <p>The value array is copied on the way in and on the way out, so a sibling is truly
 * immutable; {@link #valueBytes()} lends the internal array to this package's encoder.
 */
public record Sibling(Dot dot, long timestamp, boolean tombstone, byte[] value) {
    private static final byte[] NO_BYTES = new byte[0];

    public Sibling {
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(value, "value");
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
        }
        if (tombstone && value.length != 0) {
            throw new IllegalArgumentException("a tombstone carries no value, got " + value.length + " bytes");
        }
        value = value.length == 0 ? NO_BYTES : value.clone();
    }

    public static Sibling of(Dot dot, long timestamp, byte[] value) {
        return new Sibling(dot, timestamp, false, value);
    }

    public static Sibling tombstone(Dot dot, long timestamp) {
        return new Sibling(dot, timestamp, true, NO_BYTES);
    }

    /** A copy of the value; empty for a tombstone. */
    @Override
    public byte[] value() {
        return value.length == 0 ? NO_BYTES : value.clone();
    }

    /** The internal array, not to be modified: for the encoder, which must not copy. */
    byte[] valueBytes() {
        return value;
    }

    /**
     * Total order for last-write-wins: timestamp, then dot. Two siblings with the same dot are
     * the same write, so the dot alone makes the order total and equal on every replica.
     */
    static int lwwCompare(Sibling x, Sibling y) {
        int c = Long.compare(x.timestamp, y.timestamp);
        return c != 0 ? c : Dot.compare(x.dot, y.dot);
    }

    /**
     * Which copy to keep when two replicas hold the same dot. They are the same write unless
     * something broke; even then, pick deterministically so that merging stays commutative.
     */
    static Sibling pickSameDot(Sibling x, Sibling y) {
        if (x == y) {
            return x;
        }
        int c = Long.compare(x.timestamp, y.timestamp);
        if (c == 0) {
            c = Boolean.compare(x.tombstone, y.tombstone);
        }
        if (c == 0) {
            c = Arrays.compare(x.value, y.value);
        }
        return c >= 0 ? x : y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sibling other
                && timestamp == other.timestamp
                && tombstone == other.tombstone
                && dot.equals(other.dot)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        int h = dot.hashCode();
        h = 31 * h + Long.hashCode(timestamp);
        h = 31 * h + Boolean.hashCode(tombstone);
        return 31 * h + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        if (tombstone) {
            return "Sibling[" + dot + " @" + timestamp + " tombstone]";
        }
        int shown = Math.min(value.length, 16);
        return "Sibling[" + dot + " @" + timestamp + " " + value.length + " bytes "
                + HexFormat.of().formatHex(value, 0, shown) + (shown < value.length ? "..." : "") + "]";
    }
}
