package io.dynamo.cli.bench;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One load thread: on a uniformly random key, a get with probability {@code readProportion}, issues
 * its next operation as soon as the previous one returns (closed loop), or, with {@code --rate}, at
 * the operation's intended start on a fixed {@link Schedule} (open loop).
 *
 * <p>In the open loop an operation's latency runs from its intended start, not from when the
 * thread got to it: an operation held up by a slow predecessor is charged the wait. That is the
 * coordinated-omission correction itself, done with real operations; HdrHistogram's
 * {@code recordValueWithExpectedInterval} would add synthetic samples for the same wait a second
 * time, so it is not used. Latencies go into this
 * thread's own recorders, so threads never contend on a histogram; the driver reads them at the end
 * (a {@link SingleWriterRecorder} may be read while its writer is still running, which matters only
 * for a thread stuck in a call).
 */
final class LoadWorker implements Runnable {
    /** Back-off after a failed operation, so a dead target is not hammered in a busy loop. */
    private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int index;
    private final BenchTarget target;
    private final BenchSettings settings;
    private final Window window;
    private final CountDownLatch go;
    private final Counters counters;
    private final ErrorLog errorLog;
    private final SplittableRandom random;
    private final byte[] value;
    private final SingleWriterRecorder gets = new SingleWriterRecorder(3);
    private final SingleWriterRecorder puts = new SingleWriterRecorder(3);

    /** Measured-window counters shared by all workers (striped, so cheap under contention). */
    record Counters(LongAdder getErrors, LongAdder putErrors, LongAdder getMisses) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    LoadWorker(int index, BenchTarget target, BenchSettings settings, Window window, CountDownLatch go,
               Counters counters, ErrorLog errorLog) {
        this.index = index;
        this.target = target;
        this.settings = settings;
        this.window = window;
        this.go = go;
        this.counters = counters;
        this.errorLog = errorLog;
        this.random = new SplittableRandom(settings.seed() + index);
        this.value = new byte[settings.valueSize()];
        random.nextBytes(value);
    }

    /** Thread {@code index}'s value: the same bytes its load loop puts, so the preload writes them too. */
    static byte[] valueFor(BenchSettings settings, int index) {
        byte[] value = new byte[settings.valueSize()];
        new SplittableRandom(settings.seed() + index).nextBytes(value);
        return value;
    }

    @Override
    public void run() {
        try {
            go.await();
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            errorLog.record("load thread " + index + " died", t);
        }
    }

    private void loop() {
        if (settings.openLoop()) {
            scheduledLoop(Schedule.of(window.begin(), settings.rate(), settings.threads(), index));
        } else {
            closedLoop();
        }
    }

    private void scheduledLoop(Schedule schedule) {
        long plannedEnd = window.plannedEnd();
        int keys = settings.keys();
        double readProportion = settings.readProportion();
        for (long k = 0; !window.closed(); k++) {
            boolean read = random.nextDouble() < readProportion;
            byte[] key = BenchKeys.key(random.nextInt(keys));
            long intended = schedule.start(k);
            if (intended - plannedEnd >= 0 || !waitUntil(intended)) {
                return;
            }
            if (read) {
                get(key, intended);
            } else {
                put(key, intended);
            }
        }
    }

    /**
     * Parks until {@code nanos} (at once when it is past); false when the run closed meanwhile.
     * Parks at most {@link #WAKE_NANOS} at a time, so a stop is seen promptly even at a low rate.
     */
    private boolean waitUntil(long nanos) {
        for (long now = System.nanoTime(); now - nanos < 0; now = System.nanoTime()) {
            if (window.closed()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(nanos - now, WAKE_NANOS));
        }
        return true;
    }

    private void closedLoop() {
        long plannedEnd = window.plannedEnd();
        int keys = settings.keys();
        double readProportion = settings.readProportion();
        while (!window.closed()) {
            boolean read = random.nextDouble() < readProportion;
            byte[] key = BenchKeys.key(random.nextInt(keys));
            long start = System.nanoTime();
            if (start - plannedEnd >= 0) {
                return;
            }
            if (read) {
                get(key, start);
            } else {
                put(key, start);
            }
        }
    }

    private void get(byte[] key, long start) {
        boolean found;
        try {
            found = target.get(key);
        } catch (Exception e) {
            failed("GET", key, start, e, counters.getErrors());
            return;
        }
        long end = System.nanoTime();
        if (window.counts(start, end)) {
            gets.recordValue(end - start);
            if (!found) {
                counters.getMisses().increment();
            }
        }
    }

    private void put(byte[] key, long start) {
        try {
            target.put(key, value);
        } catch (Exception e) {
            failed("PUT", key, start, e, counters.putErrors());
            return;
        }
        long end = System.nanoTime();
        if (window.counts(start, end)) {
            puts.recordValue(end - start);
        }
    }

    private void failed(String op, byte[] key, long start, Exception e, LongAdder errors) {
        if (window.closed()) {
            return; // interrupted or cut off while stopping: not a failure of the store
        }
        long end = System.nanoTime();
        boolean measured = window.counts(start, end);
        if (measured) {
            errors.increment();
        }
        errorLog.record((measured ? "" : "(warm-up) ") + op + " " + BenchKeys.describe(key), e);
        LockSupport.parkNanos(ERROR_PAUSE_NANOS);
    }

    /** Drains this thread's measured GET latencies (ns); call once, at the end. */
    Histogram gets() {
        return gets.getIntervalHistogram();
    }

    /** Drains this thread's measured PUT latencies (ns); call once, at the end. */
    Histogram puts() {
        return puts.getIntervalHistogram();
    }
}
