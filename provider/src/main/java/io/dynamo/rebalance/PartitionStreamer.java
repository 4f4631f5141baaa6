package io.dynamo.rebalance;

import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends everything this node holds of one partition to another node (ownership handoff when the
 * ring changes, paper §4.9; see {@link Rebalancer}): one range scan of the partition, its
 * entries in frames of about a megabyte ({@link StreamFrames}) the target merges (DVV sync,
 * {@link StreamReceiver}), at most {@code framesInFlight} of them unacknowledged. Or, in a
 * change's last pass, only what differs from the target's copy ({@link #sync}). Streams run on
 * their own threads, never on the network's; a size question
 * (a dry run's, {@link #size}) is a scan too, on the node's storage threads: behind a long stream
 * on the stream threads it would wait for the stream's end, and time the dry run out.
 *
 * <p>Caches share partitions but not their N (§4.3): a target that becomes the {@code rank}-th
 * replica of a range, having been the {@code formerRank}-th, is sent only the keys of caches with
 * {@code rank <= N < formerRank}, those it is a new replica of. A key sent
 * beyond its cache's N would be a copy no purge asks about, which a later change could turn back
 * into a replica holding a value deleted meanwhile.
 */
public final class PartitionStreamer implements AutoCloseable {
    private final StorageEngine engine;
    private final PeerClient peers;
    private final Duration timeout;
    private final int framesInFlight;
    private final PartitionSync sync;
    private final CacheReplicas caches;
    private final Executor scans;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dynamo-stream");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param caches the N of each cache, what decides which keys a target of a given rank is sent
     * @param framesInFlight frames sent and not yet acknowledged, at most
     * @param scans where {@link #size} scans: the node's storage threads, never the network's
     * @param sync  how this node brings another's copy of a partition up to its own (Merkle trees)
     */
    public PartitionStreamer(StorageEngine engine, PeerClient peers, Duration timeout, int framesInFlight, CacheReplicas caches,
            Executor scans, PartitionSync sync) {
        this.sync = sync;
        this.engine = engine;
        this.caches = caches;
        this.peers = peers;
        this.timeout = timeout;
        this.framesInFlight = framesInFlight;
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

    /**
     * Sends {@code target} only the keys of {@code partition} it lacks or holds in another version
     * than this node, of the same caches as {@link #stream}; fails when the trees cannot be compared.
     */
    public CompletableFuture<StreamResult> sync(int partition, Member target, int rank, int formerRank) {
        int below = formerRank == 0 ? Integer.MAX_VALUE : formerRank;
        return CompletableFuture.supplyAsync(() -> sync.push(partition, target, n -> n >= rank && n < below), threads);
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
        StreamFrames frames = new StreamFrames(peers, target, partition, timeout, framesInFlight * StreamFrames.FRAME_BYTES);
        engine.scan(partition, new byte[0], (stored, state) -> {
            String cache = StoredKey.cacheOf(stored);
            int n = caches.of(cache);
            if (n < rank || n >= below) {
                return true;
            }
            return frames.add(cache, caches.known(cache).orElse(0), stored.clone(), state.clone());
        });
        return frames.finish();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
