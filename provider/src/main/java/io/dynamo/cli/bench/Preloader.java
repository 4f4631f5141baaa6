package io.dynamo.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Writes every key once before the run, spread over {@code threads} threads (thread {@code t}
 * writes keys {@code t, t + threads, ...}), so that every get of the run should hit. A write is
 * retried a few times (a freshly started cluster may still be settling); a write that keeps
 * failing, or a preload that overruns its timeout, fails the bench with a message saying how far
 * it got.
 */
final class Preloader {
    static final int ATTEMPTS = 3;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long JOIN_MILLIS = 1_000;

    private final BenchTarget target;
    private final BenchSettings settings;
    private final BooleanSupplier stopRequested;
    private final ErrorLog errorLog;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicReference<PreloadFailedException> failure = new AtomicReference<>();
    private volatile boolean abort;

    Preloader(BenchTarget target, BenchSettings settings, BooleanSupplier stopRequested, ErrorLog errorLog) {
        this.target = target;
        this.settings = settings;
        this.stopRequested = stopRequested;
        this.errorLog = errorLog;
    }

    /**
     * Runs the preload to completion. Returns early (with the keys written so far) if a stop is
     * requested; throws {@link PreloadFailedException} on a failed key or on timeout.
     */
    PreloadStats run() throws InterruptedException {
        int threads = Math.min(settings.threads(), settings.keys());
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                try {
                    writeSlice(first, threads);
                } finally {
                    done.countDown();
                }
            }, "bench-preload-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long deadline = start + settings.preloadTimeout().toNanos();
        try {
            while (!done.await(POLL_NANOS, TimeUnit.NANOSECONDS)) {
                if (stopRequested.getAsBoolean()) {
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    throw new PreloadFailedException(String.format(Locale.ROOT,
                            "preload did not finish within %s: wrote %d of %d keys (%.0f puts/s)",
                            describe(settings.preloadTimeout()), written.get(), settings.keys(),
                            written.get() / seconds));
                }
            }
        } finally {
            abort = true;
            for (Thread worker : workers) {
                if (worker.isAlive()) {
                    worker.interrupt();
                }
            }
            for (Thread worker : workers) {
                worker.join(JOIN_MILLIS);
            }
        }
        PreloadFailedException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        return new PreloadStats(written.get(), (System.nanoTime() - start) / 1e9, retries.get());
    }

    private void writeSlice(int first, int step) {
        byte[] value = LoadWorker.valueFor(settings, first);
        for (int index = first; index < settings.keys() && !abort && !stopRequested.getAsBoolean(); index += step) {
            if (!writeWithRetries(index, value)) {
                return;
            }
            written.incrementAndGet();
        }
    }

    private boolean writeWithRetries(int index, byte[] value) {
        byte[] key = BenchKeys.key(index);
        for (int attempt = 1; ; attempt++) {
            try {
                target.put(key, value);
                return true;
            } catch (Exception e) {
                if (abort) {
                    return false;
                }
                errorLog.record("(preload) PUT " + BenchKeys.describe(key), e);
                if (attempt >= ATTEMPTS) {
                    failure.compareAndSet(null, new PreloadFailedException("preload failed: PUT "
                            + BenchKeys.describe(key) + " failed " + ATTEMPTS + " times, last: "
                            + ErrorLog.describe(e), e));
                    abort = true;
                    return false;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(10L * attempt); // brief back-off before retrying the same key
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private static String describe(Duration d) {
        return BenchDurations.seconds(d) + " s";
    }
}
