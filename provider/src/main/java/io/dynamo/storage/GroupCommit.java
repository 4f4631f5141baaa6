package io.dynamo.storage;

import io.dynamo.storage.ReadMergeWrite.Change;
import io.dynamo.storage.ReadMergeWrite.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Group commit of read-merge-writes: the writes submitted while a batch is being written go
 * together into the next one ({@link ReadMergeWrite#applyAll}), one engine write (one RocksDB WAL
 * append, one fsync under a syncing policy) for all of them instead of one per write.
 *
 * <p>No thread of its own and no waiting for company: a submitter finding no batch in progress
 * writes its own at once (so an idle node adds no latency), and one finding a batch in progress
 * returns at once with its future, its write taken by the next batch. A drainer writes one batch
 * and, if more came meanwhile, hands the next to {@code handOff} (the node's storage threads), so
 * one thread is not kept writing other requests' batches while its own request waits.
 */
public final class GroupCommit {
    /** Bounds the keys locked together and the work of one batch. */
    static final int MAX_BATCH = 256;

    private final ReadMergeWrite rmw;
    private final Optional<Executor> handOff;
    private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** @param handOff where the next batch is written when more writes queued during one; empty: the drainer goes on itself */
    public GroupCommit(ReadMergeWrite rmw, Optional<Executor> handOff) {
        this.rmw = rmw;
        this.handOff = handOff;
    }

    /**
     * Queues a read-merge-write of {@code key} ({@link ReadMergeWrite#apply} semantics, {@code written}
     * told once the engine stored it). The future completes once the batch holding it is written
     * (durable as the engine's sync policy makes a put), with what is stored afterwards, or fails
     * with the merge's failure or the batch's.
     */
    public CompletableFuture<Optional<byte[]>> submit(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge, Written written) {
        CompletableFuture<Optional<byte[]>> done = new CompletableFuture<>();
        queue.add(new Change(partition, key, merge, written, done));
        drain();
        return done;
    }

    // Every submit drains after queueing, and a drainer looks at the queue again after it stops
    // draining, so no queued change is left without a drainer.
    private void drain() {
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                rmw.applyAll(take());
            } finally {
                draining.set(false);
            }
            if (!queue.isEmpty() && handOff.isPresent()) {
                try {
                    handOff.get().execute(this::drain);
                    return;
                } catch (RejectedExecutionException shuttingDown) {
                    // Write the rest here.
                }
            }
        }
    }

    private List<Change> take() {
        List<Change> batch = new ArrayList<>();
        for (Change c; batch.size() < MAX_BATCH && (c = queue.poll()) != null; ) {
            batch.add(c);
        }
        return batch;
    }
}
