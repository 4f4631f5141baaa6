package io.dynamo.antientropy;

import io.dynamo.antientropy.LeafScan.LocalEntry;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.coordinator.LocalReplica;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.Message.Ack;
import io.dynamo.protocol.Message.AntiEntropyRequest;
import io.dynamo.protocol.Message.Entries;
import io.dynamo.protocol.Message.FetchEntries;
import io.dynamo.protocol.Message.KeyDigests;
import io.dynamo.protocol.Message.LeafDigests;
import io.dynamo.protocol.Message.PartitionTree;
import io.dynamo.protocol.Message.Purge;
import io.dynamo.protocol.Message.PushEntries;
import io.dynamo.protocol.Message.RepairProgress;
import io.dynamo.protocol.Message.RepairStart;
import io.dynamo.protocol.Message.RepairStatus;
import io.dynamo.protocol.Message.TreeHashes;
import io.dynamo.protocol.Message.TreeHashesResult;
import io.dynamo.protocol.Message.TreeSummary;
import io.dynamo.protocol.Message.TreeSummaryResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.version.HybridLogicalClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's anti-entropy (paper §4.7): builds its Merkle trees at start, compares them with the
 * other replicas of each partition periodically and on demand (admin repair), answers its
 * peers' exchanges, and purges tombstones every replica holds once they are older than the grace
 * period (DESIGN §8).
 *
 * <p>Threads: one builds the trees then runs the periodic rounds, one exchange at a time, spread
 * over the interval so repair never bursts; one runs on-demand repair jobs; one answers peers'
 * requests (partition scans and merges stay off the network threads).
 */
public final class AntiEntropy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES_BYTES = 4 << 20;
    private static final int MAX_PURGE_BATCH = 1000;

    private final NodeId self;
    private final Supplier<Ring> ring;
    private final StorageEngine engine;
    private final ReplicaTrees trees;
    private final AntiEntropyConfig config;
    private final RepairWrites writes;
    private final Exchange exchange;
    private final PeerCalls calls;
    private final ExecutorService periodic;
    private final ExecutorService repairs;
    private final ExecutorService server;
    private final AtomicLong jobIds = new AtomicLong();
    private final Map<Long, RepairJob> jobs = new ConcurrentHashMap<>();
    private final ExchangeStats periodicStats = new ExchangeStats();
    private volatile boolean closed;
    /** The periodic interval, changeable at run time by an operator (zero: periodic exchanges paused). */
    private volatile Duration interval;

    public AntiEntropy(NodeId self, Supplier<Ring> ring, LocalReplica local, ReplicaTrees trees, PeerLink link, HybridLogicalClock clock,
            AntiEntropyConfig config) {
        this.self = self;
        this.ring = ring;
        this.engine = local.engine();
        this.trees = trees;
        this.config = config;
        this.interval = config.interval();
        this.writes = new RepairWrites(local, trees, clock);
        this.calls = new PeerCalls(link, new Bandwidth(config.bytesPerSecond()), CALL_TIMEOUT);
        this.exchange = new Exchange(engine, trees, calls, writes);
        this.periodic = Executors.newSingleThreadExecutor(daemon("anti-entropy"));
        this.repairs = Executors.newSingleThreadExecutor(daemon("anti-entropy-repair"));
        this.server = Executors.newSingleThreadExecutor(daemon("anti-entropy-server"));
    }

    /** Builds the trees in the background, then, one interval later, starts the periodic exchanges if configured. */
    public void start() {
        periodic.execute(() -> {
            long started = System.nanoTime();
            try {
                trees.buildAll();
            } catch (RuntimeException e) {
                if (!closed) {
                    log.error("building the Merkle trees failed: anti-entropy is off on this node", e);
                }
                return;
            }
            log.info("Merkle trees of {} partitions built in {} ms", trees.partitions(), (System.nanoTime() - started) / 1_000_000);
            // The first round starts one interval after start: a node restarting (or a whole
            // cluster) does not burst into exchanges; hinted handoff and read repair act first.
            if (!config.periodic() || sleepUntil(System.nanoTime() + config.interval().toNanos())) {
                periodicRounds();
            }
        });
    }

    /** Bytes and keys moved by periodic exchanges so far. */
    public ExchangeStats periodicStats() {
        return periodicStats;
    }

    /** Answers a peer's or an operator's anti-entropy request, off the network threads. */
    public CompletableFuture<Message> handle(AntiEntropyRequest request) {
        return CompletableFuture.supplyAsync(() -> answer(request), server);
    }

    private Message answer(AntiEntropyRequest request) {
        if (request instanceof TreeHashes h) {
            return treeHashes(h);
        } else if (request instanceof LeafDigests d) {
            return leafDigests(d);
        } else if (request instanceof FetchEntries f) {
            return fetch(f);
        } else if (request instanceof PushEntries p) {
            checkPartition(p.partition());
            for (int i = 0; i < p.keys().size(); i++) {
                writes.merge(p.partition(), p.keys().get(i), p.states().get(i));
            }
            return new Ack();
        } else if (request instanceof Purge p) {
            checkPartition(p.partition());
            for (int i = 0; i < p.keys().size(); i++) {
                writes.purge(p.partition(), p.keys().get(i), p.digests().get(i));
            }
            return new Ack();
        } else if (request instanceof Message.AntiEntropySettings a) {
            if (a.intervalMillis() >= 0) {
                setInterval(Duration.ofMillis(a.intervalMillis()));
            }
            return new Message.AntiEntropySettings(interval.toMillis());
        } else if (request instanceof TreeSummary) {
            return summary();
        } else if (request instanceof RepairStart s) {
            return startRepair(s.cache()).progress();
        } else if (request instanceof RepairStatus s) {
            RepairJob job = jobs.get(s.job());
            if (job == null) {
                throw new DynamoException(ErrorCode.BAD_REQUEST, "no repair job " + s.job() + " on " + self);
            }
            return job.progress();
        }
        throw new DynamoException(ErrorCode.BAD_REQUEST, "unknown anti-entropy request " + request.type());
    }

    private TreeHashesResult treeHashes(TreeHashes h) {
        checkShape(h.partition(), h.leafBits());
        if (!trees.ready(h.partition())) {
            return new TreeHashesResult(false, List.of());
        }
        MerkleTree tree = trees.tree(h.partition());
        try {
            return new TreeHashesResult(true, Arrays.asList(tree.hashes(h.level(), h.indices())));
        } catch (IllegalArgumentException e) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private KeyDigests leafDigests(LeafDigests d) {
        checkShape(d.partition(), d.leafBits());
        if (!trees.ready(d.partition())) {
            return new KeyDigests(false, List.of(), List.of());
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (LocalEntry e : LeafScan.collect(engine, d.partition(), d.leafBits(), LeafScan.bits(d.leaves()), d.cache())) {
            keys.add(e.key());
            digests.add(e.digest());
        }
        return new KeyDigests(true, keys, digests);
    }

    private Entries fetch(FetchEntries f) {
        checkPartition(f.partition());
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        int bytes = 0;
        int answered = 0;
        for (byte[] key : f.keys()) {
            if (answered > 0 && bytes >= MAX_ENTRIES_BYTES) {
                break; // the rest in the next fetch: frames stay well under the transport's limit
            }
            answered++;
            Optional<byte[]> state = engine.get(f.partition(), key);
            if (state.isPresent()) {
                keys.add(key);
                states.add(state.get());
                bytes += key.length + state.get().length;
            }
        }
        return new Entries(answered, keys, states);
    }

    private TreeSummaryResult summary() {
        List<PartitionTree> out = new ArrayList<>();
        for (int p = 0; p < trees.partitions(); p++) {
            boolean ready = trees.ready(p);
            MerkleTree tree = trees.tree(p);
            out.add(new PartitionTree(p, ready, ready ? tree.root() : new byte[0], tree.keyCount(), trees.tombstoneKeys(p)));
        }
        return new TreeSummaryResult(self.value(), out);
    }

    private void checkShape(int partition, int leafBits) {
        checkPartition(partition);
        if (leafBits != trees.leafBits()) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "trees of " + leafBits + " leaf bits asked, this node has " + trees.leafBits());
        }
    }

    private void checkPartition(int partition) {
        if (partition >= trees.partitions()) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "no partition " + partition + " (ring of " + trees.partitions() + ")");
        }
    }

    /** The other replicas of {@code partition} if this node is one of them, else empty. */
    private Optional<List<Member>> peersOf(Ring r, int partition) {
        List<Member> replicas = r.preferenceList(partition, Math.min(config.replicas(), r.members().size())).primaries();
        if (replicas.stream().noneMatch(m -> m.id().equals(self))) {
            return Optional.empty();
        }
        return Optional.of(replicas.stream().filter(m -> !m.id().equals(self)).toList());
    }

    /**
     * An exchange repairs both sides, so each (partition, pair of replicas) needs one initiator:
     * the lower id of the pair for even partitions, the higher for odd ones, which spreads the
     * work evenly over the nodes.
     */
    private boolean initiates(int partition, Member peer) {
        boolean lower = self.compareTo(peer.id()) < 0;
        return ((partition & 1) == 0) == lower;
    }

    /** Changes the periodic interval from now on (zero pauses periodic exchanges); the round under way ends early if paused. */
    public void setInterval(Duration newInterval) {
        if (newInterval.isNegative()) {
            throw new IllegalArgumentException("anti-entropy interval must not be negative, got " + newInterval);
        }
        log.info("anti-entropy interval set to {}", newInterval.isZero() ? "0 (periodic exchanges paused)" : newInterval);
        interval = newInterval;
    }

    public Duration interval() {
        return interval;
    }

    private void periodicRounds() {
        while (!closed && !Thread.currentThread().isInterrupted()) {
            if (interval.isZero()) {
                if (!sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200))) {
                    return;
                }
                continue;
            }
            Ring r = ring.get();
            int pairs = 0;
            for (int p = 0; p < r.partitionCount(); p++) {
                int partition = p;
                pairs += (int) peersOf(r, p).orElse(List.of()).stream().filter(peer -> initiates(partition, peer)).count();
            }
            long roundNanos = interval.toNanos();
            long spacingNanos = roundNanos / Math.max(1, pairs);
            long roundStart = System.nanoTime();
            long next = roundStart;
            ExchangeStats round = new ExchangeStats();
            int differed = 0;
            int failed = 0;
            int purged = 0;
            for (int p = 0; p < r.partitionCount() && !closed && interval.toNanos() == roundNanos; p++) {
                Optional<List<Member>> peers = peersOf(r, p);
                if (peers.isEmpty()) {
                    continue;
                }
                boolean all = true;
                for (Member peer : peers.get()) {
                    if (!initiates(p, peer)) {
                        continue;
                    }
                    next += spacingNanos;
                    try {
                        differed += exchange.run(p, peer, "", round) ? 1 : 0;
                    } catch (RuntimeException e) {
                        all = false;
                        failed++;
                        if (!closed) {
                            log.debug("exchange of partition {} with {} failed: {}", p, peer.id(), e.getMessage());
                        }
                    }
                    if (!sleepUntil(next)) {
                        return;
                    }
                }
                // Every replica's view is needed to purge; only the partition's first replica asks.
                if (all && r.preferenceList(p, 1).primaries().get(0).id().equals(self)) {
                    purged += purgeQuietly(p, peers.get(), round);
                }
            }
            periodicStats.add(round);
            logRound(pairs, differed, failed, purged, round, roundStart);
            if (pairs == 0 && !sleepUntil(next + roundNanos)) {
                return;
            }
        }
    }

    /** A round that moved keys or failed somewhere is worth an operator's attention; a quiet one only at debug level. */
    private void logRound(int pairs, int differed, int failed, int purged, ExchangeStats round, long startNanos) {
        boolean notable = round.keysSent() + round.keysReceived() > 0 || failed > 0 || purged > 0;
        if (notable || log.isDebugEnabled()) {
            log.atLevel(notable ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG).log(
                    "anti-entropy round: {} exchanges, {} differed, {} failed; {} keys sent, {} received, {} bytes; {} tombstones purged; {} ms",
                    pairs, differed, failed, round.keysSent(), round.keysReceived(), round.bytesSent() + round.bytesReceived(), purged,
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    private static boolean sleepUntil(long deadline) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the tombstones purged here */
    private int purgeQuietly(int partition, List<Member> peers, ExchangeStats stats) {
        if (trees.tombstoneKeys(partition) == 0 || !trees.ready(partition)) {
            return 0;
        }
        try {
            int purged = new TombstonePurge(engine, calls, writes, config.tombstoneGrace(), MAX_PURGE_BATCH).run(partition, peers, stats);
            if (purged > 0) {
                log.debug("purged {} tombstones of partition {} held by every replica", purged, partition);
            }
            return purged;
        } catch (RuntimeException e) {
            if (!closed) {
                log.debug("tombstone purge of partition {} skipped: {}", partition, e.getMessage());
            }
            return 0;
        }
    }

    private RepairJob startRepair(String cache) {
        Ring r = ring.get();
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < r.partitionCount(); p++) {
            if (peersOf(r, p).isPresent()) {
                partitions.add(p);
            }
        }
        RepairJob job = new RepairJob(jobIds.incrementAndGet(), partitions.size());
        jobs.put(job.id, job);
        repairs.execute(() -> runRepair(job, r, partitions, cache));
        return job;
    }

    /** A full exchange of every partition this node holds with each of its other replicas. */
    private void runRepair(RepairJob job, Ring r, List<Integer> partitions, String cache) {
        log.info("repair {} of {} partitions{} started", job.id, partitions.size(), cache.isEmpty() ? "" : " (cache '" + cache + "')");
        for (int p : partitions) {
            if (closed) {
                break;
            }
            List<Member> peers = peersOf(r, p).orElse(List.of());
            boolean all = true;
            for (Member peer : peers) {
                job.exchanges.incrementAndGet();
                try {
                    if (awaitReady(p) && exchange.run(p, peer, cache, job.stats)) {
                        job.differing.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    all = false;
                    job.error("partition " + p + " with " + peer.id() + ": " + e.getMessage());
                }
            }
            if (all && cache.isEmpty()) {
                job.purged.addAndGet(purgeQuietly(p, peers, job.stats));
            }
            job.partitionsDone.incrementAndGet();
        }
        job.finish();
        log.info("repair {} done: {}", job.id, job.progress());
    }

    /** A repair asked for right after start waits for the tree to be built rather than skip it. */
    private boolean awaitReady(int partition) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!trees.ready(partition) && !closed) {
            if (System.nanoTime() > deadline) {
                throw new ExchangeFailedException("tree of partition " + partition + " still not built");
            }
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        }
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        periodic.shutdownNow();
        repairs.shutdownNow();
        server.shutdownNow();
        try {
            periodic.awaitTermination(5, TimeUnit.SECONDS);
            repairs.awaitTermination(5, TimeUnit.SECONDS);
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** An on-demand repair's progress, polled by the admin command. */
    private static final class RepairJob {
        final long id;
        final int partitionsTotal;
        final long started = System.nanoTime();
        final AtomicInteger partitionsDone = new AtomicInteger();
        final AtomicInteger exchanges = new AtomicInteger();
        final AtomicInteger differing = new AtomicInteger();
        final ExchangeStats stats = new ExchangeStats();
        final AtomicLong purged = new AtomicLong();
        private final List<String> errors = new ArrayList<>();
        private volatile long finished;

        RepairJob(long id, int partitionsTotal) {
            this.id = id;
            this.partitionsTotal = partitionsTotal;
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
}
