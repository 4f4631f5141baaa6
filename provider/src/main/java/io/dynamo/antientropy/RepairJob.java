package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** An on-demand repair's progress, polled by the admin command. */
final class RepairJob {
    final long id;
    final int partitionsTotal;
    final long started = System.nanoTime();
    final AtomicInteger partitionsDone = new AtomicInteger();
    final AtomicInteger exchanges = new AtomicInteger();
    final AtomicInteger differing = new AtomicInteger();
    final ExchangeStats stats;
    final AtomicLong purged = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private volatile long finished;

    /** @param totals where every job's figures add up, as they happen */
    RepairJob(long id, int partitionsTotal, ExchangeStats totals) {
        this.id = id;
        this.partitionsTotal = partitionsTotal;
        this.stats = new ExchangeStats(totals);
    }

    synchronized void error(String e) {
        if (errors.size() < 20) {
            errors.add(e);
        }
    }

    void finish() {
        finished = System.nanoTime();
    }

    synchronized RepairProgress progress() {
        long end = finished == 0 ? System.nanoTime() : finished;
        return new RepairProgress(id, partitionsDone.get(), partitionsTotal, exchanges.get(), differing.get(), stats.keysSent(),
                stats.keysReceived(), stats.bytesSent(), stats.bytesReceived(), purged.get(), (end - started) / 1_000_000, finished != 0,
                String.join("; ", errors));
    }
}
