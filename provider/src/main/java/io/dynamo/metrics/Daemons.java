package io.dynamo.metrics;

import java.util.concurrent.ThreadFactory;

/** Threads of the metrics that never keep a JVM alive: a node's shutdown does not wait for a scrape. */
final class Daemons {
    private Daemons() {
    }

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
