package io.dynamo.demo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Requests, failures and latencies of the demo's workload: a recorder for the live figures'
 * last interval and a histogram of the whole run for the summary (HdrHistogram, microseconds).
 * Any thread records; one thread at a time {@link #interval samples}.
 */
final class Meter {
    private final Recorder recorder = new Recorder(3);
    private final Histogram whole = new Histogram(3);
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();

    void succeeded(long startNanos) {
        requests.increment();
        recorder.recordValue(micros(startNanos));
    }

    void failed(long startNanos) {
        requests.increment();
        failures.increment();
        recorder.recordValue(micros(startNanos));
    }

    long requests() {
        return requests.sum();
    }

    long failures() {
        return failures.sum();
    }

    /** The latencies since the last call, also added to the whole run's histogram. */
    synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram();
        whole.add(h);
        return h;
    }

    /** The whole run's latencies, the last interval included. */
    synchronized Histogram whole() {
        interval();
        return whole.copy();
    }

    private static long micros(long startNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos));
    }
}
