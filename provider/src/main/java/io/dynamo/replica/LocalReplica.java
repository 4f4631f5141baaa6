package io.dynamo.replica;

import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.GroupCommit;
import io.dynamo.storage.ReadMergeWrite;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.VersionVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's replica of every partition it holds: versioned states of keys, merged atomically
 * over the storage engine. A write coordinated here gets this node's next dot; a state from a
 * peer is synced in, never overwriting a concurrent version.
 */
public final class LocalReplica {
    private static final Logger log = LoggerFactory.getLogger(LocalReplica.class);
    /** Keys of a bulk write stored together: one engine batch (one WAL append) each. */
    static final int BULK_BATCH = 256;

    private final StorageEngine engine;
    private final ReadMergeWrite rmw;
    private final GroupCommit group;
    private final int warnSiblings;
    private final int maxSiblings;
    private final HybridLogicalClock clock;
    private volatile ReplicaListener listener = ReplicaListener.NONE;

    /** A replica whose bound on peers' timestamps is the system clock's (see {@link HybridLogicalClock}). */
    public LocalReplica(StorageEngine engine, int warnSiblings, int maxSiblings) {
        this(engine, warnSiblings, maxSiblings, HybridLogicalClock.system());
    }

    /** @param clock the node's clock: observes every peer's state merged here, and refuses one far in the future */
    public LocalReplica(StorageEngine engine, int warnSiblings, int maxSiblings, HybridLogicalClock clock) {
        this(engine, warnSiblings, maxSiblings, clock, Optional.empty());
    }

    /**
     * @param storage where group commits hand on their next batch ({@link GroupCommit}): the node's
     *                storage threads; empty: the thread that writes a batch writes the next too
     */
    public LocalReplica(StorageEngine engine, int warnSiblings, int maxSiblings, HybridLogicalClock clock, Optional<Executor> storage) {
        this.engine = engine;
        this.clock = clock;
        this.rmw = new ReadMergeWrite(engine);
        this.group = new GroupCommit(rmw, storage);
        this.warnSiblings = warnSiblings;
        this.maxSiblings = maxSiblings;
    }

    /** Installs the one listener told of every change (anti-entropy's trees). */
    public void listen(ReplicaListener listener) {
        this.listener = listener;
    }

    public StorageEngine engine() {
        return engine;
    }

    public Optional<DvvSet> read(String cache, int partition, byte[] key) {
        return stored(cache, partition, key).map(DvvSet::decode);
    }

    /**
     * The key's state as the engine holds it, an encoded {@link DvvSet} not decoded here: what a
     * peer's read is answered with. Whoever takes it decodes it, and that decode refuses a corrupt
     * state (the coordinator then counts this replica as failed and asks the next one).
     */
    public Optional<byte[]> stored(String cache, int partition, byte[] key) {
        return engine.get(partition, StoredKey.of(cache, key));
    }

    /**
     * Coordinates a write here (paper §5: the coordinator generates the new version and writes it
     * locally): a new sibling at this node's next dot, superseding what {@code context} covers.
     *
     * @param value empty for a delete (a tombstone)
     * @return the key's state after the write, to be sent to the other replicas
     */
    public DvvSet write(String cache, int partition, byte[] key, VersionVector context, String actor, long timestamp,
            Optional<byte[]> value, ConflictPolicy policy) {
        return update(cache, partition, key, writing(key, context, actor, timestamp, value, policy)).state();
    }

    /**
     * {@link #write} in the next group commit ({@link GroupCommit}): completes once the batch
     * holding it is stored, with the state and the bytes stored, which replication sends as they are.
     */
    public CompletableFuture<StoredState> submitWrite(String cache, int partition, byte[] key, VersionVector context, String actor,
            long timestamp, Optional<byte[]> value, ConflictPolicy policy) {
        return submit(cache, partition, key, writing(key, context, actor, timestamp, value, policy));
    }

    private UnaryOperator<DvvSet> writing(byte[] key, VersionVector context, String actor, long timestamp, Optional<byte[]> value,
            ConflictPolicy policy) {
        return stored -> {
            DvvSet next = value.isPresent()
                    ? stored.put(context, actor, timestamp, value.get())
                    : stored.delete(context, actor, timestamp);
            return applyPolicy(next, policy, key);
        };
    }

    /**
     * {@link #write} of many keys, each a new version at {@code actor}'s next dot on no context,
     * timestamped by {@code timestamps}: a bulk load's coordinator. Stored in engine batches of
     * {@value #BULK_BATCH} keys, where a write per key cost one WAL append each. The first key that
     * cannot be written throws its failure; the rest of its batch and the batches before are stored
     * (a bulk load's client re-sends a failed batch whole, which last-write-wins supersedes).
     */
    public List<StoredState> writeAll(String cache, int[] partitions, List<byte[]> keys, String actor, LongSupplier timestamps,
            List<byte[]> values, ConflictPolicy policy) {
        return inBatches(cache, partitions, keys, i -> writing(keys.get(i), VersionVector.empty(), actor, timestamps.getAsLong(),
                Optional.of(values.get(i)), policy));
    }

    /** {@link #merge} of many keys' states from a peer, in engine batches as {@link #writeAll} stores them. */
    public void mergeAll(String cache, int[] partitions, List<byte[]> keys, List<DvvSet> states, ConflictPolicy policy) {
        states.forEach(clock::observe);
        inBatches(cache, partitions, keys, i -> syncing(states.get(i), policy));
    }

    /**
     * {@link #mergeAll} of one partition's entries named by their stored keys ({@link StoredKey#of},
     * the cache inside), as a partition stream carries them (§4.9): a frame of a few hundred keys
     * costs a WAL append per {@value #BULK_BATCH} keys, where a merge per key cost one each.
     */
    public void mergeStored(int partition, List<byte[]> storedKeys, List<DvvSet> states, ConflictPolicy policy) {
        states.forEach(clock::observe);
        inBatches(i -> partition, storedKeys.size(), storedKeys::get, i -> syncing(states.get(i), policy));
    }

    private List<StoredState> inBatches(String cache, int[] partitions, List<byte[]> keys, IntFunction<UnaryOperator<DvvSet>> changeOf) {
        return inBatches(i -> partitions[i], keys.size(), i -> StoredKey.of(cache, keys.get(i)), changeOf);
    }

    private List<StoredState> inBatches(IntUnaryOperator partitionOf, int count, IntFunction<byte[]> storedKeyOf,
            IntFunction<UnaryOperator<DvvSet>> changeOf) {
        List<StoredState> stored = new ArrayList<>(count);
        for (int from = 0; from < count; from += BULK_BATCH) {
            int to = Math.min(count, from + BULK_BATCH);
            List<ReadMergeWrite.Change> batch = new ArrayList<>(to - from);
            List<Merging> merges = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                Merging merging = new Merging(changeOf.apply(i));
                byte[] storedKey = storedKeyOf.apply(i);
                int partition = partitionOf.applyAsInt(i);
                batch.add(new ReadMergeWrite.Change(partition, storedKey, merging, written(partition, storedKey),
                        new CompletableFuture<>()));
                merges.add(merging);
            }
            rmw.applyAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                try {
                    batch.get(i).done().join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
                stored.add(merges.get(i).result);
            }
        }
        return stored;
    }

    /** Keys of {@code cache} in {@code partition} that hold at least one live value. */
    public void liveKeys(String cache, int partition, java.util.function.Consumer<byte[]> sink) {
        byte[] prefix = StoredKey.of(cache, new byte[0]);
        engine.scan(partition, prefix, (stored, value) -> {
            if (!startsWith(stored, prefix)) {
                return false;
            }
            if (!DvvSet.decode(value).values().isEmpty()) {
                sink.accept(StoredKey.keyOf(stored));
            }
            return true;
        });
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && java.util.Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Merges a peer's state of the key (replication, read repair, handoff, anti-entropy). Its
     * timestamps move this node's clock (hybrid logical clock); one far in the future refuses the
     * whole state, which is then not stored.
     */
    public DvvSet merge(String cache, int partition, byte[] key, DvvSet incoming, ConflictPolicy policy) {
        clock.observe(incoming);
        return update(cache, partition, key, syncing(incoming, policy)).state();
    }

    /** {@link #merge} in the next group commit: completes once the batch holding it is stored. */
    public CompletableFuture<DvvSet> submitMerge(String cache, int partition, byte[] key, DvvSet incoming, ConflictPolicy policy) {
        clock.observe(incoming);
        return submit(cache, partition, key, syncing(incoming, policy)).thenApply(StoredState::state);
    }

    private static UnaryOperator<DvvSet> syncing(DvvSet incoming, ConflictPolicy policy) {
        return stored -> {
            DvvSet merged = stored.sync(incoming);
            return policy == ConflictPolicy.LAST_WRITE_WINS ? merged.lastWriteWins() : merged;
        };
    }

    private StoredState update(String cache, int partition, byte[] key, UnaryOperator<DvvSet> change) {
        Merging merging = new Merging(change);
        byte[] storedKey = StoredKey.of(cache, key);
        rmw.apply(partition, storedKey, merging, written(partition, storedKey));
        return merging.result;
    }

    private CompletableFuture<StoredState> submit(String cache, int partition, byte[] key, UnaryOperator<DvvSet> change) {
        Merging merging = new Merging(change);
        byte[] storedKey = StoredKey.of(cache, key);
        return group.submit(partition, storedKey, merging, written(partition, storedKey)).thenApply(stored -> merging.result);
    }

    private ReadMergeWrite.Written written(int partition, byte[] storedKey) {
        return (before, after) -> listener.stored(partition, storedKey, before, after); // once stored, under the key's lock
    }

    /** A change of the decoded state as a merge of stored bytes; keeps the state and bytes it produced. */
    private static final class Merging implements UnaryOperator<Optional<byte[]>> {
        private final UnaryOperator<DvvSet> change;
        private StoredState result;

        Merging(UnaryOperator<DvvSet> change) {
            this.change = change;
        }

        @Override
        public Optional<byte[]> apply(Optional<byte[]> current) {
            DvvSet stored = current.map(DvvSet::decode).orElseGet(DvvSet::empty);
            DvvSet next = change.apply(stored);
            if (next.equals(stored) && current.isPresent()) {
                result = new StoredState(next, current.get());
                return current;
            }
            result = new StoredState(next, next.encode());
            return next.equals(stored) ? current : Optional.of(result.encoded());
        }
    }

    private DvvSet applyPolicy(DvvSet next, ConflictPolicy policy, byte[] key) {
        if (policy == ConflictPolicy.LAST_WRITE_WINS) {
            return next.lastWriteWins();
        }
        int siblings = next.siblings().size();
        if (siblings > maxSiblings) {
            throw new SiblingLimitException(siblings, maxSiblings);
        }
        if (siblings > warnSiblings) {
            log.warn("key of {} bytes holds {} siblings (limit {}): clients should resolve them", key.length, siblings, maxSiblings);
        }
        return next;
    }
}
