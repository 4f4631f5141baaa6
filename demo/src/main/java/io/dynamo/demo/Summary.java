package io.dynamo.demo;

import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/** The demo's closing figures; the last line is {@code writes lost: N}, every acknowledged write read back. */
record Summary(long requests, long failures, Histogram latency, long acknowledged, long keysRepaired, double seconds, long lost) {
    void print(PrintStream out) {
        out.println();
        out.println("summary");
        out.printf("  cart adds:   %d requests (each a read and a write), %d failed, %d acknowledged in all phases%n", requests, failures,
                acknowledged);
        out.printf("  latency:     p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n", ms(50), ms(90), ms(99), ms(99.9), ms(100));
        out.printf("  anti-entropy: %d keys repaired%n", keysRepaired);
        out.printf("  duration:    %.0f s%n", seconds);
        out.println("writes lost: " + lost);
        out.flush();
    }

    private String ms(double percentile) {
        return latency.getTotalCount() == 0 ? "-" : String.format("%.1f ms", latency.getValueAtPercentile(percentile) / 1000.0);
    }
}
