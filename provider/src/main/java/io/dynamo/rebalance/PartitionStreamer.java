package io.dynamo.rebalance;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import io.dynamo.version.ConflictPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends everything this node holds of one partition to another node (ownership handoff when the
 * ring changes, paper §4.9; see {@link Rebalancer}): a range scan of the partition, in
 * chunks, each key as a replica write the target merges (DVV sync), at most {@code maxInFlight}
 * unacknowledged. Streams run on their own threads, never on the network's; a size question
 * (a dry run's, {@link #size}) is a scan too, on the node's storage threads: behind a long stream
 * on the stream threads it would wait for the stream's end, and time the dry run out.
 *
 * <p>Stored states carry no conflict policy, so they are merged as siblings; a last-write-wins
 * cache keeps its newest version at its next write or read.
 */
public final class PartitionStreamer implements AutoCloseable {
    private static final int CHUNK = 512;

    private final StorageEngine engine;
    private final PeerClient peers;
    private final Duration timeout;
    private final int maxInFlight;
    private final Executor scans;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dynamo-stream");
        t.setDaemon(true);
        return t;
    });

    /** @param scans where {@link #size} scans: the node's storage threads, never the network's */
    public PartitionStreamer(StorageEngine engine, PeerClient peers, Duration timeout, int maxInFlight, Executor scans) {
        this.engine = engine;
        this.peers = peers;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.scans = scans;
    }

    public CompletableFuture<StreamResult> stream(int partition, Member target) {
        return CompletableFuture.supplyAsync(() -> run(partition, target), threads);
    }

    /** The keys and bytes this node holds in {@code partition}: what streaming it would send (a dry run's estimate). */
    public CompletableFuture<PartitionSizeResult> size(int partition) {
        return CompletableFuture.supplyAsync(() -> {
            long[] totals = new long[2];
            engine.scan(partition, new byte[0], (k, v) -> {
                totals[0]++;
                totals[1] += k.length + v.length;
                return true;
            });
            return new PartitionSizeResult(totals[0], totals[1]);
        }, scans);
    }

    private StreamResult run(int partition, Member target) {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong keys = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        byte[] from = new byte[0];
        while (failure.get() == null) {
            List<byte[][]> chunk = new ArrayList<>(CHUNK);
            engine.scan(partition, from, (k, v) -> {
                chunk.add(new byte[][] {k.clone(), v.clone()});
                return chunk.size() < CHUNK;
            });
            for (byte[][] entry : chunk) {
                acquire(inFlight, 1);
                byte[] stored = entry[0];
                ReplicaWrite write = new ReplicaWrite(StoredKey.cacheOf(stored), partition, StoredKey.keyOf(stored),
                        ConflictPolicy.SIBLINGS, entry[1]);
                peers.call(target, write, timeout).whenComplete((ack, error) -> {
                    if (error == null) {
                        keys.incrementAndGet();
                        bytes.addAndGet(stored.length + entry[1].length);
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    inFlight.release();
                });
            }
            if (chunk.size() < CHUNK) {
                break;
            }
            byte[] last = chunk.get(chunk.size() - 1)[0];
            from = Arrays.copyOf(last, last.length + 1); // the next key after the last one sent
        }
        acquire(inFlight, maxInFlight);
        if (failure.get() != null) {
            // An answer for the planner (it retries or tries another replica), not a bug to log here.
            throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "stream of partition " + partition + " to " + target.id()
                    + " failed: " + failure.get().getMessage());
        }
        return new StreamResult(keys.get(), bytes.get());
    }

    private static void acquire(Semaphore s, int permits) {
        try {
            s.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
