package io.dynamo.demo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The line of live figures, sampled once a second: cart adds per second, failures so far, the
 * last second's p99, hints pending on the nodes (§4.6) and keys repaired by anti-entropy (§4.7).
 */
final class LiveFigures implements AutoCloseable {
    private static final long PERIOD_MILLIS = 1000;

    private final Screen screen;
    private final Meter meter;
    private final LongSupplier hintsPending;
    private final AtomicLong keysRepaired = new AtomicLong();
    private final AtomicLong lastHints = new AtomicLong(-1);
    private final Thread sampler;
    private volatile boolean running = true;

    /** {@code hintsPending} answers -1 when no node could say. */
    LiveFigures(Screen screen, Meter meter, LongSupplier hintsPending) {
        this.screen = screen;
        this.meter = meter;
        this.hintsPending = hintsPending;
        this.sampler = new Thread(this::sample, "demo-figures");
        sampler.setDaemon(true);
    }

    void start() {
        sampler.start();
    }

    void repaired(long keys) {
        keysRepaired.addAndGet(keys);
    }

    long keysRepaired() {
        return keysRepaired.get();
    }

    /** Hints pending at the last sample, -1 when unknown. */
    long hintsPending() {
        return lastHints.get();
    }

    private void sample() {
        long lastRequests = meter.requests();
        long lastAt = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            lastHints.set(hintsPending.getAsLong());
            long requests = meter.requests();
            long now = System.nanoTime();
            double perSecond = (requests - lastRequests) * 1e9 / Math.max(1, now - lastAt);
            lastRequests = requests;
            lastAt = now;
            screen.figures(line(perSecond, meter.failures(), meter.interval(), lastHints.get(), keysRepaired.get()));
        }
    }

    static String line(double perSecond, long failures, Histogram lastSecond, long hints, long repaired) {
        String p99 = lastSecond.getTotalCount() == 0 ? "-" : String.format("%.1f ms", lastSecond.getValueAtPercentile(99) / 1000.0);
        return String.format("ops/s %4.0f | failures %d | p99 %s | hints pending %s | keys repaired %d", perSecond, failures, p99,
                hints < 0 ? "?" : Long.toString(hints), repaired);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
