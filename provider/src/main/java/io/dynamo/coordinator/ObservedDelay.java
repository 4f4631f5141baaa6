package io.dynamo.coordinator;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The hedge delay as the 95th percentile of the last {@link #WINDOW} replica reads' round trips,
 * over every peer (a paused peer answers nothing, so its silence does not raise the delay; its late
 * answers are one sample each). Until {@link #MIN_SAMPLES} reads answered it is {@link #INITIAL};
 * it never goes below {@link #FLOOR} (hedging a fast read only doubles the work) nor above
 * {@link #CAP} (past that, a slow replica costs too much of the tail). Hedging at the p95 sends
 * about 5 % more replica reads.
 */
final class ObservedDelay implements HedgeDelay {
    static final int WINDOW = 1024;
    static final int MIN_SAMPLES = 128;
    /** The percentile is recomputed once per this many samples: a sort of the window, not one per read. */
    static final int REFRESH = 128;
    static final long FLOOR = Duration.ofMillis(1).toNanos();
    static final long CAP = Duration.ofMillis(50).toNanos();
    static final long INITIAL = Duration.ofMillis(5).toNanos();

    private final long[] samples = new long[WINDOW];
    private long count;
    private volatile long delay = INITIAL;

    @Override
    public OptionalLong nanos() {
        return OptionalLong.of(delay);
    }

    @Override
    public void observe(long nanos) {
        long[] window = null;
        synchronized (samples) {
            samples[(int) (count % WINDOW)] = nanos;
            count++;
            if (count >= MIN_SAMPLES && count % REFRESH == 0) {
                window = Arrays.copyOf(samples, (int) Math.min(count, WINDOW));
            }
        }
        if (window != null) {
            Arrays.sort(window); // outside the lock: the network threads that observe do not wait for it
            long p95 = window[(int) Math.min(window.length - 1, (long) Math.ceil(window.length * 0.95) - 1)];
            delay = Math.max(FLOOR, Math.min(CAP, p95));
        }
    }
}
