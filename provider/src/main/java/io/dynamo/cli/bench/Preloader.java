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
 * writes keys {@code t, t + threads, ...}), so that every get of the run should hit. A target that
 * {@linkplain BenchTarget#writesInBulk() writes in bulk} gets the keys in batches of about
 * {@value #BATCH_BYTES} bytes (at most {@value #MAX_BATCH_KEYS} keys), streamed, never all at once:
 * ten million keys are ten thousand calls, not ten million, from at most {@value #BULK_THREADS}
 * threads. A write (a key, or a batch) is retried a few times (a freshly started cluster may still be settling); one that keeps failing, or a
 * preload that overruns its timeout, fails the bench with a message saying how far it got.
 */
final class Preloader {
    static final int ATTEMPTS = 3;
    /** A batch is retried more, and after longer pauses: it is much work to redo, and a node that timed one out is swamped. */
    static final int BATCH_ATTEMPTS = 5;
    private static final long BATCH_PAUSE_MILLIS = 200;
    static final int BATCH_BYTES = 1 << 19;
    static final int MAX_BATCH_KEYS = 1_000;
    /**
     * Threads of a bulk preload: a few batches in flight keep every node's storage threads busy;
     * more only queue behind them and time out on a starved machine (the writes are CPU-bound).
     */
    static final int BULK_THREADS = 4;
    /** What a key of a batch takes on the wire besides its value, roughly: the key and lengths. */
    private static final int KEY_OVERHEAD = 32;
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
        int threads = Math.min(target.writesInBulk() ? Math.min(BULK_THREADS, settings.threads()) : settings.threads(), settings.keys());
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
        return new PreloadStats(written.get(), (System.nanoTime() - start) / 1e9, retries.get(),
                batchKeys(target, settings.valueSize()));
    }

    /** Keys per write: 1 for a target that writes key by key, else as many as fit {@value #BATCH_BYTES} bytes. */
    static int batchKeys(BenchTarget target, int valueSize) {
        if (!target.writesInBulk()) {
            return 1;
        }
        return (int) Math.max(1, Math.min(MAX_BATCH_KEYS, BATCH_BYTES / ((long) valueSize + KEY_OVERHEAD)));
    }

    private void writeSlice(int first, int step) {
        byte[] value = LoadWorker.valueFor(settings, first);
        int batch = batchKeys(target, settings.valueSize());
        List<byte[]> keys = new ArrayList<>(batch);
        for (int index = first; index < settings.keys() && !abort && !stopRequested.getAsBoolean(); index += step) {
            keys.add(BenchKeys.key(index));
            if (keys.size() == batch || (long) index + step >= settings.keys()) {
                if (!writeWithRetries(keys, value)) {
                    return;
                }
                written.addAndGet(keys.size());
                keys.clear();
            }
        }
    }

    private boolean writeWithRetries(List<byte[]> keys, byte[] value) {
        String what = keys.size() == 1 ? "PUT " + BenchKeys.describe(keys.get(0))
                : "PUT of " + keys.size() + " keys from " + BenchKeys.describe(keys.get(0));
        int attempts = keys.size() == 1 ? ATTEMPTS : BATCH_ATTEMPTS;
        long pause = keys.size() == 1 ? 10 : BATCH_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                if (keys.size() == 1) {
                    target.put(keys.get(0), value);
                } else {
                    target.putAll(keys, value);
                }
                return true;
            } catch (Exception e) {
                if (abort) {
                    return false;
                }
                errorLog.record("(preload) " + what, e);
                if (attempt >= attempts) {
                    failure.compareAndSet(null, new PreloadFailedException("preload failed: " + what
                            + " failed " + attempts + " times, last: " + ErrorLog.describe(e), e));
                    abort = true;
                    return false;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(pause * attempt); // back-off before retrying the same keys
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
