package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-demand repairs (admin repair): each job is a full exchange of every partition this node
 * holds with each of its other replicas, run one job at a time on its own thread, and kept here
 * so the admin command can poll its progress.
 */
final class RepairJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RepairJobs.class);

    private final NodeId self;
    private final Supplier<Ring> ring;
    private final PartitionReplicas replicas;
    private final ReplicaTrees trees;
    private final Exchange exchange;
    private final PurgeTrigger purges;
    private final ExecutorService repairs = Executors.newSingleThreadExecutor(AntiEntropy.daemon("anti-entropy-repair"));
    private final AtomicLong jobIds = new AtomicLong();
    private final Map<Long, RepairJob> jobs = new ConcurrentHashMap<>();
    private final ExchangeStats totals;
    private volatile boolean closed;

    RepairJobs(NodeId self, Supplier<Ring> ring, PartitionReplicas replicas, ReplicaTrees trees, Exchange exchange, PurgeTrigger purges,
            ExchangeStats totals) {
        this.totals = totals;
        this.self = self;
        this.ring = ring;
        this.replicas = replicas;
        this.trees = trees;
        this.exchange = exchange;
        this.purges = purges;
    }

    /** Starts a repair ({@code cache} empty: every cache) and answers with its first progress. */
    RepairProgress start(String cache) {
        Ring r = ring.get();
        List<Integer> partitions = replicas.held(r);
        RepairJob job = new RepairJob(jobIds.incrementAndGet(), partitions.size(), totals);
        jobs.put(job.id, job);
        repairs.execute(() -> run(job, r, partitions, cache));
        return job.progress();
    }

    RepairProgress status(long id) {
        RepairJob job = jobs.get(id);
        if (job == null) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "no repair job " + id + " on " + self);
        }
        return job.progress();
    }

    private void run(RepairJob job, Ring r, List<Integer> partitions, String cache) {
        log.info("repair {} of {} partitions{} started", job.id, partitions.size(), cache.isEmpty() ? "" : " (cache '" + cache + "')");
        for (int p : partitions) {
            if (closed) {
                break;
            }
            List<Member> peers = replicas.peersOf(r, p).orElse(List.of());
            boolean all = true;
            for (Member peer : peers) {
                job.exchanges.incrementAndGet();
                try {
                    if (awaitReady(p) && exchange.run(p, peer, Exchange.Scope.between(replicas.pairRank(r, p, peer), cache), job.stats, false)) {
                        job.differing.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    all = false;
                    job.error("partition " + p + " with " + peer.id() + ": " + e.getMessage());
                }
            }
            // A purge limited to one cache would judge tombstones on part of the keys: only full repairs purge.
            if (all && cache.isEmpty()) {
                int partition = p;
                job.purged.addAndGet(purges.purge(p, n -> replicas.peersWithin(r, partition, n), job.stats));
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
            if (!AntiEntropy.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20))) {
                return false;
            }
        }
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        repairs.shutdownNow();
        try {
            repairs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
