package io.dynamo.antientropy;

import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.version.HybridLogicalClock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's anti-entropy (paper §4.7): builds its Merkle trees at start and compares them with the
 * other replicas of each partition periodically, purging tombstones every replica holds once they
 * are older than the grace period (DESIGN decision 8). On-demand repairs are {@link RepairJobs};
 * peers' and operators' requests are answered by {@link AntiEntropyHandler}.
 *
 * <p>Threads: one builds the trees then runs the periodic rounds ({@link PeriodicRound}), one
 * exchange at a time, spread over the interval so repair never bursts; the repair jobs and the handler have one each.
 */
public final class AntiEntropy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Ring> ring;
    private final ReplicaTrees trees;
    private final AntiEntropyConfig config;
    private final PeriodicRound rounds;
    /** Exchanges a change's last pass asks for: one way, and not paced to the repair rate (the change waits on them). */
    private final Exchange pushes;
    private final RepairJobs repairs;
    private final AntiEntropyHandler handler;
    private final ExecutorService periodic;
    private final ExchangeStats periodicStats = new ExchangeStats();
    private final ExchangeStats repairStats = new ExchangeStats();
    private volatile boolean closed;
    /** The periodic interval, changeable at run time by an operator (zero: periodic exchanges paused). */
    private volatile Duration interval;

    /**
     * @param peers  how this node reaches its peers; exchanges pace it to {@code config}'s repair rate
     * @param caches the N of every cache: who holds, and who must agree on, each key
     */
    public AntiEntropy(NodeId self, Supplier<Ring> ring, LocalReplica local, ReplicaTrees trees, PeerClient peers, HybridLogicalClock clock,
            AntiEntropyConfig config, CacheReplicas caches) {
        this.ring = ring;
        this.trees = trees;
        this.config = config;
        this.interval = config.interval();
        StorageEngine engine = local.engine();
        RepairWrites writes = new RepairWrites(local, trees, clock);
        PeerCalls calls = new PeerCalls(new ThrottledPeers(peers, new Bandwidth(config.bytesPerSecond())), CALL_TIMEOUT);
        PartitionReplicas replicas = new PartitionReplicas(self, caches);
        Exchange exchange = new Exchange(engine, trees, calls, writes, caches);
        this.pushes = new Exchange(engine, trees, new PeerCalls(peers, CALL_TIMEOUT), writes, caches);
        PurgeTrigger purges = new PurgeTrigger(engine, trees, calls, writes, config.tombstoneGrace(), caches);
        this.rounds = new PeriodicRound(trees, replicas, exchange, purges, calls);
        this.repairs = new RepairJobs(self, ring, replicas, trees, exchange, purges, repairStats);
        this.handler = new AntiEntropyHandler(self, engine, trees, writes, this, repairs, new KeyPartitions(ring));
        this.periodic = Executors.newSingleThreadExecutor(daemon("anti-entropy"));
    }

    /** The handler of the anti-entropy family, for the node's routing table. */
    public AntiEntropyHandler handler() {
        return handler;
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

    /**
     * Brings {@code target}'s copy of {@code partition} up to this node's, sending only the keys
     * of caches whose N {@code replicated} accepts that it lacks or holds in another version (the
     * last pass of a join or leave, paper §4.9); nothing travels back.
     *
     * @return what it sent and received (hashes, digests, entries)
     * @throws ExchangeFailedException when a tree is not built yet or the target cannot be reached
     */
    public ExchangeStats pushTo(int partition, Member target, IntPredicate replicated) {
        ExchangeStats stats = new ExchangeStats();
        pushes.run(partition, target, new Exchange.Scope(replicated, "", false), stats, false);
        return stats;
    }

    /** Bytes and keys moved by periodic exchanges so far, the round under way included. */
    public ExchangeStats periodicStats() {
        return periodicStats;
    }

    /** Bytes and keys moved by on-demand repairs ({@code admin repair}) run from this node so far. */
    public ExchangeStats repairStats() {
        return repairStats;
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
            long roundNanos = interval.toNanos();
            long roundStart = System.nanoTime();
            ExchangeStats round = new ExchangeStats(periodicStats);
            PeriodicRound.Outcome o = rounds.run(ring.get(), roundNanos, round, () -> !closed && interval.toNanos() == roundNanos,
                    AntiEntropy::sleepUntil);
            logRound(o, round, roundStart);
            if (o.compared() == 0 && !sleepUntil(roundStart + roundNanos)) {
                return;
            }
        }
    }

    /** One round now, without pacing: for tests. */
    PeriodicRound.Outcome roundNow(ExchangeStats stats) {
        return rounds.run(ring.get(), 0, stats, () -> true, deadline -> true);
    }

    /** A round that moved keys or failed somewhere is worth an operator's attention; a quiet one only at debug level. */
    private void logRound(PeriodicRound.Outcome o, ExchangeStats round, long startNanos) {
        boolean notable = round.keysSent() + round.keysReceived() > 0 || o.failed() > 0 || o.purged() > 0;
        if (notable || log.isDebugEnabled()) {
            log.atLevel(notable ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG).log(
                    "anti-entropy round: {} exchanges, {} differed, {} failed; {} keys sent, {} received, {} bytes; {} tombstones purged; {} ms",
                    o.compared(), o.differed(), o.failed(), round.keysSent(), round.keysReceived(), round.bytesSent() + round.bytesReceived(), o.purged(),
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    static boolean sleepUntil(long deadline) {
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

    @Override
    public void close() {
        closed = true;
        periodic.shutdownNow();
        repairs.close();
        handler.close();
        try {
            periodic.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }


}
