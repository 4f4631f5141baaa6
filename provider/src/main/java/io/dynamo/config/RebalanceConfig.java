package io.dynamo.config;

import java.time.Duration;

/**
 * Moving partitions after a join or leave (paper §4.9). A streamed partition is sent to its new
 * owner in frames of about a megabyte, at most {@code stream-batch} of them unacknowledged, each
 * bounded by {@code stream-timeout}; the move
 * of one whole partition by {@code move-timeout}, after which it is retried.
 */
public record RebalanceConfig(Duration streamTimeout, int streamBatch, Duration moveTimeout) implements NodeConfig.Part {
    public RebalanceConfig {
        Check.positive("stream-timeout", streamTimeout);
        Check.atLeast("stream-batch", streamBatch, 1);
        Check.positive("move-timeout", moveTimeout);
    }

    public static RebalanceConfig defaults() {
        return new RebalanceConfig(NodeDefaults.STREAM_TIMEOUT, NodeDefaults.STREAM_BATCH, NodeDefaults.MOVE_TIMEOUT);
    }
}
