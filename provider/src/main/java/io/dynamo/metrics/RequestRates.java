package io.dynamo.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Requests per second over the last window, from cumulative counts sampled about once a second:
 * what the status page shows (Prometheus computes its own rates from the counters).
 */
final class RequestRates {
    private record Sample(long nanos, Map<String, Long> counts) {}

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RequestRates(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Takes the cumulative counts at {@code nanos}; samples older than the window (but the newest such) are dropped. */
    synchronized void sample(long nanos, Map<String, Long> counts) {
        samples.addLast(new Sample(nanos, Map.copyOf(counts)));
        while (samples.size() > 2 && nanos - second().nanos() >= windowNanos) {
            samples.removeFirst(); // the second sample still spans the window
        }
    }

    private Sample second() {
        Iterator<Sample> it = samples.iterator();
        it.next();
        return it.next();
    }

    /** Requests of {@code operation} per second between the oldest and the newest sample; 0 before two samples. */
    synchronized double perSecond(String operation) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long elapsed = last.nanos() - first.nanos();
        if (elapsed <= 0) {
            return 0;
        }
        long delta = last.counts().getOrDefault(operation, 0L) - first.counts().getOrDefault(operation, 0L);
        return Math.max(0, delta) * 1e9 / elapsed;
    }
}
