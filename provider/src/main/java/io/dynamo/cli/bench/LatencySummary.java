package io.dynamo.cli.bench;

import org.HdrHistogram.Histogram;

/** Successful operations of one kind in the measured window and their latency, in milliseconds. */
public record LatencySummary(long count, double p50, double p95, double p99, double p999, double max) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** Summarizes a histogram of nanoseconds. */
    static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(nanos.getTotalCount(),
                millis(nanos.getValueAtPercentile(50)), millis(nanos.getValueAtPercentile(95)),
                millis(nanos.getValueAtPercentile(99)), millis(nanos.getValueAtPercentile(99.9)),
                millis(nanos.getMaxValue()));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
