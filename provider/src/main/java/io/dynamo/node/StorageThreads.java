package io.dynamo.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's threads for storage work of requests (engine reads, writes and scans, hint stores),
 * apart from the network threads. A few more than the cores: an fsync blocks a thread without
 * using a core. The queue is bounded by the transport's per-connection limits on unanswered requests.
 */
final class StorageThreads {
    private static final long STOP_WAIT_SECONDS = 5;

    private StorageThreads() {}

    static ExecutorService start() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dynamo-storage-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Lets work already taken finish before the engine closes under it. */
    static void stop(ExecutorService threads) {
        threads.shutdown();
        try {
            threads.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
