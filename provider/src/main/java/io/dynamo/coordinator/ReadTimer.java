package io.dynamo.coordinator;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

    /** A daemon thread for hedges whose cancelled tasks leave its queue at once: most reads need no hedge and cancel theirs. */
    static ScheduledThreadPoolExecutor newThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Tasks on {@code executor} (e.g. {@link #newThread}). */
    static ReadTimer on(ScheduledExecutorService executor) {
        return (delayNanos, task) -> {
            ScheduledFuture<?> scheduled = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        };
    }
}
