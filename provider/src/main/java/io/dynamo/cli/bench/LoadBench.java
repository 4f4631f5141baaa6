package io.dynamo.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * A get/put load against a {@link BenchTarget}: optional preload, warm-up (latencies discarded),
 * then the measured window. Each of {@code threads} threads has at most one operation in flight.
 * In a closed loop it issues the next as soon as the previous returns; in an open loop
 * ({@link BenchSettings#openLoop()}) at fixed intended start times ({@link Schedule}).
 *
 * <p>A closed loop has no coordinated-omission correction: a stalled operation delays the ones that
 * would have been issued meanwhile instead of being charged to them, so tails are optimistic and
 * throughput is tied to latency (threads / mean latency). Compare runs at the same thread count.
 * An open loop charges them (latency from the intended start, see {@link LoadWorker}); when the
 * threads cannot keep the rate, the achieved rate falls below the asked one and the report says so.
 *
 * <p>One instance is one run. {@link #stop()} may be called from any thread (e.g. a shutdown hook)
 * and makes {@link #run()} return promptly with what was measured so far.
 */
public final class LoadBench {
    /** How long stopping waits for threads to return from their current call before interrupting them. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long INTERRUPT_GRACE_MILLIS = 1_000;

    private final BenchTarget target;
    private final BenchSettings settings;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final ErrorLog errorLog = new ErrorLog();

    public LoadBench(BenchTarget target, BenchSettings settings) {
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs preload (if enabled), warm-up and the measured window, and reports the window only.
     *
     * @throws PreloadFailedException if the preload cannot write every key in time
     * @throws InterruptedException   if the calling thread is interrupted (the load threads are told to stop)
     * @throws IllegalStateException  if this instance already ran
     */
    public BenchResult run() throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a LoadBench runs once; create a new one");
        }
        Optional<PreloadStats> preload = Optional.empty();
        if (settings.preload()) {
            preload = Optional.of(new Preloader(target, settings, this::stopRequested, errorLog).run());
        }
        if (stopRequested()) {
            return new BenchResult(0.0, LatencySummary.EMPTY, LatencySummary.EMPTY, LatencySummary.EMPTY,
                    0, 0, 0, errorLog.samples(), preload, true, 0);
        }

        Window window = new Window();
        CountDownLatch go = new CountDownLatch(1);
        LoadWorker.Counters counters = new LoadWorker.Counters();
        List<LoadWorker> workers = new ArrayList<>(settings.threads());
        List<Thread> threads = new ArrayList<>(settings.threads());
        for (int t = 0; t < settings.threads(); t++) {
            LoadWorker worker = new LoadWorker(t, target, settings, window, go, counters, errorLog);
            Thread thread = new Thread(worker, "bench-load-" + t);
            thread.setDaemon(true); // never keeps the JVM alive, even if the target hangs
            workers.add(worker);
            threads.add(thread);
            thread.start();
        }

        // Every thread is created and waiting: the clock starts when they are all released.
        long begin = System.nanoTime();
        long measureStart = begin + settings.warmup().toNanos();
        window.open(begin, measureStart, measureStart + settings.duration().toNanos());
        go.countDown();
        try {
            awaitEndOrStop(window.plannedEnd());
        } finally {
            window.close(System.nanoTime());
        }
        int stillRunning = joinAll(threads);

        Histogram gets = new Histogram(3);
        Histogram puts = new Histogram(3);
        for (LoadWorker worker : workers) {
            gets.add(worker.gets());
            puts.add(worker.puts());
        }
        Histogram all = new Histogram(3);
        all.add(gets);
        all.add(puts);
        return new BenchResult(window.measuredSeconds(), LatencySummary.of(gets), LatencySummary.of(puts),
                LatencySummary.of(all), counters.getErrors().sum(), counters.putErrors().sum(),
                counters.getMisses().sum(), errorLog.samples(), preload,
                window.end() != window.plannedEnd(), stillRunning);
    }

    /** Asks a running (or not yet started) run to stop as soon as each thread's current call returns. */
    public void stop() {
        stopSignal.countDown();
    }

    private boolean stopRequested() {
        return stopSignal.getCount() == 0;
    }

    private void awaitEndOrStop(long plannedEnd) throws InterruptedException {
        for (long remaining = plannedEnd - System.nanoTime(); remaining > 0;
             remaining = plannedEnd - System.nanoTime()) {
            if (stopSignal.await(remaining, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    /** Joins the load threads; interrupts those still in a call after the grace. Returns how many never returned. */
    private static int joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_GRACE_NANOS;
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
        }
        int stillRunning = 0;
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(INTERRUPT_GRACE_MILLIS);
                if (thread.isAlive()) {
                    stillRunning++;
                }
            }
        }
        return stillRunning;
    }
}
