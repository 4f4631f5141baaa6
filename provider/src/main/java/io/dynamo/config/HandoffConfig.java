package io.dynamo.config;

import java.time.Duration;

/**
 * Sloppy quorum and hinted handoff (paper §4.6). {@code hinted-handoff} off gives strict quorums
 * over the primaries and keeps no hints (to test read repair or anti-entropy alone). When on, the
 * stored hints are offered to their owners once per {@code handoff-interval}, each delivery bounded
 * by {@code handoff-timeout}, at most {@code handoff-batch} in flight.
 */
public record HandoffConfig(boolean enabled, Duration interval, Duration timeout, int batch) implements NodeConfig.Part {
    public HandoffConfig {
        Check.positive("handoff-interval", interval);
        Check.positive("handoff-timeout", timeout);
        Check.atLeast("handoff-batch", batch, 1);
    }

    public static HandoffConfig defaults() {
        return new HandoffConfig(NodeDefaults.HINTED_HANDOFF, NodeDefaults.HANDOFF_INTERVAL, NodeDefaults.HANDOFF_TIMEOUT,
                NodeDefaults.HANDOFF_BATCH);
    }

    public HandoffConfig withEnabled(boolean on) {
        return new HandoffConfig(on, interval, timeout, batch);
    }
}
