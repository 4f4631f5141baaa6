package io.dynamo.rebalance;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.StreamPartition;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.rebalance.RebalanceMessage.SyncPartition;
import io.dynamo.rebalance.Transfers.Transfer;
import io.dynamo.ring.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the ranges of one change to their new owners (paper §4.9), counting what travelled.
 * Each range is streamed in full once, by its first former replica that can ({@link #stream}, the
 * ranges of one move at the same time);
 * another one streams it only if that one fails, so each key travels once. The change's last
 * pass ({@link #catchUp}) asks every former replica to send only what the new owner lacks, by
 * comparing Merkle trees: the writes that reached the old replicas while the ring changed, from
 * whichever of them took them, at the cost of a few hashes when nothing differs.
 *
 * <p>A target or source that is down is waited for, up to {@code patience}: a node that crashed
 * mid-transfer gets the range once it is back.
 */
final class RangeCopier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RangeCopier.class);
    /**
     * Ranges copied at the same time: a step's moves make N new replicas each, from different
     * sources mostly. Each copy mostly waits (for its source's scan, the frames' trips and the
     * target's merge), so more of them than cores keeps the sources and the target busy.
     */
    private static final int PARALLEL = 8;

    private final PeerClient peers;
    private final Duration timeout;
    private final Duration patience;
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ExecutorService threads = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "dynamo-rebalance-copy");
        t.setDaemon(true);
        return t;
    });

    RangeCopier(PeerClient peers, Duration timeout, Duration patience) {
        this.peers = peers;
        this.timeout = timeout;
        this.patience = patience;
    }

    /** Keys sent so far (a key sent again by a second source counts twice). */
    long keys() {
        return keys.get();
    }

    /** Bytes sent so far: streamed entries, and everything a catch-up's comparison sent. */
    long bytes() {
        return bytes.get();
    }

    /**
     * Streams each range in full from its first former replica that can, the ranges at the same
     * time (a move makes up to N new replicas, often streamed by different nodes); returns once all are.
     */
    void stream(List<Transfer> transfers) throws InterruptedException {
        copyAll(transfers, false);
    }

    /** Sends each target what any former replica holds and it lacks: a tree comparison each, a full stream where that fails. */
    void catchUp(List<Transfer> transfers) throws InterruptedException {
        copyAll(transfers, true);
    }

    private void copyAll(List<Transfer> transfers, boolean fromEvery) throws InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        for (Transfer t : transfers) {
            running.add(threads.submit(() -> {
                copy(t, fromEvery);
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            running.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private void copy(Transfer t, boolean fromEvery) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Exception last = null;
            int copied = 0;
            for (Member source : t.sources()) {
                try {
                    if (fromEvery) {
                        try {
                            add(call(source, new SyncPartition(t.partition(), t.target().spec(), t.rank(), t.formerRank())));
                        } catch (ExecutionException | TimeoutException e) {
                            log.debug("partition {}: {} could not compare trees with {} ({}); streaming it in full", t.partition(),
                                    source.id(), t.target().id(), PeerClient.unwrap(e).getMessage());
                            add(call(source, new StreamPartition(t.partition(), t.target().spec(), t.rank(), t.formerRank())));
                        }
                    } else {
                        add(call(source, new StreamPartition(t.partition(), t.target().spec(), t.rank(), t.formerRank())));
                    }
                    copied++;
                    if (!fromEvery) {
                        break;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e; // this source, or the target, is down: another replica may serve, or a later try
                }
            }
            if (copied > 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no replica could stream partition " + t.partition() + " to " + t.target().id()
                        + " within " + patience + ": " + (last == null ? "no source" : last.getMessage()), last);
            }
            log.info("partition {} cannot reach {} yet ({}); retrying", t.partition(), t.target().id(),
                    last == null ? "no source" : last.getMessage());
            Thread.sleep(1000);
        }
    }

    private StreamResult call(Member source, Message request) throws ExecutionException, TimeoutException, InterruptedException {
        return (StreamResult) peers.call(source, request, timeout).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    private void add(StreamResult r) {
        keys.addAndGet(r.keys());
        bytes.addAndGet(r.bytes());
    }
}
