package io.dynamo.transport;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items from any thread to one event loop. Producers append to a lock-free MPSC queue and
 * at most one drain task is pending at a time, so a burst of N items costs one task (and at most
 * one wake-up of the loop); the drain takes every item and then calls {@code endOfBatch} once,
 * which is where the connection flushes.
 */
final class Inbox<T> implements Runnable {
    private final Queue<T> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final EventExecutor loop;
    private final Consumer<T> onItem;
    private final Runnable endOfBatch;
    private final Consumer<T> onRejected;

    /**
     * @param onItem     called on the loop for each item
     * @param endOfBatch called on the loop after each drain
     * @param onRejected called on the submitting thread for items the loop can no longer run (shut down)
     */
    Inbox(EventExecutor loop, Consumer<T> onItem, Runnable endOfBatch, Consumer<T> onRejected) {
        this.loop = loop;
        this.onItem = onItem;
        this.endOfBatch = endOfBatch;
        this.onRejected = onRejected;
    }

    void submit(T item) {
        queue.offer(item);
        // A drain that is scheduled but has not yet reset the flag will see the item just offered.
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException loopIsGone) {
                scheduled.set(false);
                rejectAll();
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        T item;
        while ((item = queue.poll()) != null) {
            onItem.accept(item);
        }
        endOfBatch.run();
    }

    /** The loop is shut down: nobody else consumes the queue, but several producers might get here. */
    private synchronized void rejectAll() {
        T item;
        while ((item = queue.poll()) != null) {
            onRejected.accept(item);
        }
    }
}
