package io.dynamo.coordinator;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;

/** Runs a get's hedge after its delay; a test's timer is driven by hand. */
@FunctionalInterface
public interface ReadTimer {
    /** A timer that never fires: for reads that never hedge. */
    ReadTimer NEVER = (delayNanos, task) -> () -> {};

    /**
     * Runs {@code task} after {@code delayNanos}.
     *
     * @return cancels the task when it has not run yet
     */
    Runnable schedule(long delayNanos, Runnable task);

    /**
     * A hashed wheel of 1 ms ticks (Netty's {@link HashedWheelTimer}) on a daemon thread: a get
     * schedules and cancels its hedge in O(1) without waking any thread, and the wheel's thread
     * ticks once a millisecond whatever the load. A scheduled thread pool woke its thread for
     * nearly every get (each new deadline was the earliest), which halved a node's throughput on
     * two cores. Stop it with {@link HashedWheelTimer#stop()}.
     */
    static HashedWheelTimer newWheel(String name) {
        return new HashedWheelTimer(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, 1, TimeUnit.MILLISECONDS, 512);
    }

    /** Tasks on {@code wheel} (see {@link #newWheel}). */
    static ReadTimer on(HashedWheelTimer wheel) {
        return (delayNanos, task) -> {
            Timeout timeout = wheel.newTimeout(t -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
            return timeout::cancel;
        };
    }
}
