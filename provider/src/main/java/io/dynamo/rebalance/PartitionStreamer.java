package io.dynamo.rebalance;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.replica.CacheReplicas;
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
 *
 * <p>Caches share partitions but not their N (§4.3): a target that becomes the {@code rank}-th
 * replica of a range, having been the {@code formerRank}-th, is sent only the keys of caches with
 * {@code rank <= N < formerRank}, those it is a new replica of. A key sent
 * beyond its cache's N would be a copy no purge asks about, which a later change could turn back
 * into a replica holding a value deleted meanwhile.
 */
public final class PartitionStreamer implements AutoCloseable {
    private static final int CHUNK = 512;

    private final StorageEngine engine;
    private final PeerClient peers;
    private final Duration timeout;
    private final int maxInFlight;
    private final CacheReplicas caches;
    private final Executor scans;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dynamo-stream");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param caches the N of each cache, what decides which keys a target of a given rank is sent
     * @param scans where {@link #size} scans: the node's storage threads, never the network's
     */
    public PartitionStreamer(StorageEngine engine, PeerClient peers, Duration timeout, int maxInFlight, CacheReplicas caches,
            Executor scans) {
        this.engine = engine;
        this.caches = caches;
        this.peers = peers;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.scans = scans;
    }

    /**
     * Sends {@code target}, now the {@code rank}-th replica of {@code partition} (1 = first) and
     * before the {@code formerRank}-th (0: not a replica), the keys of caches with rank <= N < formerRank.
     */
    public CompletableFuture<StreamResult> stream(int partition, Member target, int rank, int formerRank) {
        int below = formerRank == 0 ? Integer.MAX_VALUE : formerRank;
        return CompletableFuture.supplyAsync(() -> run(partition, target, rank, below), threads);
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

    private StreamResult run(int partition, Member target, int rank, int below) {
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
                byte[] stored = entry[0];
                String cache = StoredKey.cacheOf(stored);
                int n = caches.of(cache);
                if (n < rank || n >= below) {
                    continue;
                }
                acquire(inFlight, 1);
                ReplicaWrite write = new ReplicaWrite(cache, partition, StoredKey.keyOf(stored), ConflictPolicy.SIBLINGS,
                        caches.known(cache).orElse(0), entry[1]);
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
