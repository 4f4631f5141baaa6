package io.dynamo.client;

import io.dynamo.version.HybridLogicalClock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a client knows of the cluster's clocks, from the timestamps its answers carry. The highest
 * one goes with every request, so the coordinator's hybrid logical clock stamps the client's next
 * write after everything the client has seen (its writes keep their order under last-write-wins,
 * whatever the skew between coordinators). The offset of the last answering node's clock to this
 * client's gives the cluster's time, on which the client measures new expiry deadlines (this
 * client's own clock while the two agree within a second).
 * Thread-safe.
 */
public final class ClientClock {
    /** A test's hook: milliseconds added to this client's wall clock, to run it skewed against the nodes. */
    public static final String OFFSET_PROPERTY = "dynamo.test.clock-offset-ms";

    /** Differences to the nodes' clocks below this are ignored: measured through one answer, they are mostly its latency. */
    static final long LATENCY_TOLERANCE_MILLIS = 1000;

    private final LongSupplier wallMillis;
    private final AtomicLong highest = new AtomicLong();
    private volatile long offsetMillis;

    ClientClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** This process's wall clock, moved by {@link #OFFSET_PROPERTY} when a test sets it. */
    static ClientClock system() {
        long offset = Long.getLong(OFFSET_PROPERTY, 0L);
        return new ClientClock(() -> System.currentTimeMillis() + offset);
    }

    /** Folds in the clock an answer carried (0: none). */
    void saw(long timestamp) {
        if (timestamp <= 0) {
            return;
        }
        highest.accumulateAndGet(timestamp, Math::max);
        long offset = HybridLogicalClock.physicalMillis(timestamp) - wallMillis.getAsLong();
        // The answer's clock is as old as its trip back: a small difference is latency as much as skew.
        offsetMillis = Math.abs(offset) < LATENCY_TOLERANCE_MILLIS ? 0 : offset;
    }

    /** The highest timestamp seen in answers, 0 before the first. */
    long seen() {
        return highest.get();
    }

    /**
     * The cluster's time in epoch ms as the last answering node's clock gives it (this client's own
     * before any answer): within the nodes' skew of one another, whatever this client's clock says.
     */
    long clusterMillis() {
        return wallMillis.getAsLong() + offsetMillis;
    }
}
