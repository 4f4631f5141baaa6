package io.dynamo.config;

import io.dynamo.version.HybridLogicalClock;
import java.time.Duration;

/**
 * The node's hybrid logical clock (last-write-wins timestamps, expiry). {@code max-clock-skew}
 * bounds how far ahead of this node's clock a peer's or a client's timestamp may be: one further
 * ahead is refused, since it would win every write until then. {@code offset} moves this node's
 * physical clock, a hook for tests that run nodes with skewed clocks on one machine (zero in use).
 */
public record ClockConfig(Duration maxClockSkew, Duration offset) implements NodeConfig.Part {
    public ClockConfig {
        Check.positive("max-clock-skew", maxClockSkew);
        Check.given("clock offset", offset);
    }

    public static ClockConfig defaults() {
        return new ClockConfig(NodeDefaults.MAX_CLOCK_SKEW, Duration.ZERO);
    }

    public ClockConfig withMaxClockSkew(Duration skew) {
        return new ClockConfig(skew, offset);
    }

    public ClockConfig withOffset(Duration d) {
        return new ClockConfig(maxClockSkew, d);
    }

    /** The clock these settings describe, on the system's wall clock. */
    public HybridLogicalClock clock() {
        long offsetMillis = offset.toMillis();
        return new HybridLogicalClock(() -> System.currentTimeMillis() + offsetMillis, maxClockSkew);
    }
}
