package io.dynamo.cli.bench;

/**
 * The measured window on the {@link System#nanoTime()} clock, shared by the driver and the load
 * threads. An operation counts only if it started at or after {@link #measureStart()} and finished
 * at or before {@link #end()}, so the warm-up is cut off exactly without pausing any thread, and
 * an operation straddling either edge is left out rather than half-counted.
 */
final class Window {
    private volatile long begin;
    private volatile long measureStart;
    private volatile long plannedEnd;
    private volatile long end;
    private volatile boolean closed;

    /** Called once by the driver, before the load threads are released; the warm-up runs from {@code begin} to {@code measureStart}. */
    void open(long begin, long measureStart, long plannedEnd) {
        this.begin = begin;
        this.measureStart = measureStart;
        this.plannedEnd = plannedEnd;
        this.end = plannedEnd;
    }

    /** Ends the window at {@code now} if that is before the planned end, and tells the threads to stop. */
    void close(long now) {
        if (now - plannedEnd < 0) {
            end = now;
        }
        closed = true;
    }

    /** When the load threads were released: an open loop's schedules start here. */
    long begin() {
        return begin;
    }

    long measureStart() {
        return measureStart;
    }

    long plannedEnd() {
        return plannedEnd;
    }

    long end() {
        return end;
    }

    boolean closed() {
        return closed;
    }

    boolean counts(long startNanos, long endNanos) {
        return startNanos - measureStart >= 0 && endNanos - end <= 0;
    }

    double measuredSeconds() {
        return Math.max(0L, end - measureStart) / 1e9;
    }
}
