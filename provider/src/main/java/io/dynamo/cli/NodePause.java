package io.dynamo.cli;

import io.dynamo.launcher.LocalCluster;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One node of a bench cluster stopped by SIGSTOP {@code at} after the load starts, for
 * {@code length}, then continued by SIGCONT: the slow replica that hedged gets are measured against
 * (its sockets stay open and silent, so only timeouts and the failure detector notice it).
 *
 * @param node the node's index in the cluster (0 for n1)
 */
record NodePause(int node, Duration at, Duration length) {
    NodePause {
        if (node < 0) {
            throw new IllegalArgumentException("--pause-node must be 1 or more, got " + (node + 1));
        }
        if (at.isNegative() || length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("--pause-at must not be negative and --pause-for must be positive, got " + at + " and " + length);
        }
    }

    /** Runs the pause from now on; closing the returned handle cancels what is still to come and continues the node. */
    Running start(LocalCluster cluster) {
        if (node >= cluster.size()) {
            throw new IllegalArgumentException("--pause-node must be between 1 and " + cluster.size() + ", got " + (node + 1));
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-pause");
            t.setDaemon(true);
            return t;
        });
        long begin = System.nanoTime();
        timer.schedule(() -> signal(cluster, true, begin), at.toNanos(), TimeUnit.NANOSECONDS);
        timer.schedule(() -> signal(cluster, false, begin), at.plus(length).toNanos(), TimeUnit.NANOSECONDS);
        return () -> {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                cluster.resume(node);
            }
        };
    }

    private void signal(LocalCluster cluster, boolean stop, long begin) {
        double second = (System.nanoTime() - begin) / 1e9;
        try {
            if (stop) {
                cluster.pause(node);
            } else {
                cluster.resume(node);
            }
            System.err.printf("bench-cluster: %s %s at %.1f s of the load%n", stop ? "paused (SIGSTOP)" : "continued (SIGCONT)",
                    cluster.id(node), second);
        } catch (RuntimeException e) {
            System.err.println("error: cannot " + (stop ? "pause " : "continue ") + cluster.id(node) + ": " + e.getMessage());
        }
    }

    /** A pause under way. */
    @FunctionalInterface
    interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
