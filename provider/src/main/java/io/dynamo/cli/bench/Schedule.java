package io.dynamo.cli.bench;

/**
 * When one load thread of an open-loop run ({@code --rate}) means to start each operation: the
 * total rate is split evenly over the threads, and thread {@code i} of {@code t} is offset by
 * {@code i/t} of its period, so that the threads' starts interleave instead of arriving together.
 * The schedule does not move when an operation is late: the next ones are due at their own times
 * (and start at once when they are already due), so a stall is charged to every operation it held
 * up (see {@link LoadWorker}).
 *
 * @param first  the {@link System#nanoTime()} of operation 0
 * @param period nanoseconds between two operations of this thread
 */
record Schedule(long first, double period) {
    /** Thread {@code index}'s schedule for {@code rate} operations per second over {@code threads} threads, from {@code begin}. */
    static Schedule of(long begin, double rate, int threads, int index) {
        if (!(rate > 0.0) || threads < 1 || index < 0 || index >= threads) {
            throw new IllegalArgumentException("no schedule for rate " + rate + ", thread " + index + " of " + threads);
        }
        double period = threads * 1e9 / rate;
        return new Schedule(begin + Math.round(period * index / threads), period);
    }

    /** The intended start of this thread's operation {@code k} (0-based). */
    long start(long k) {
        return first + Math.round(period * k);
    }
}
