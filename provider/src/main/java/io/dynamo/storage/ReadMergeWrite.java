package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import io.dynamo.spi.StorageEngine.Key;
import io.dynamo.spi.StorageEngine.Update;
import io.dynamo.spi.StorageLimitException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The one place where a key is read, merged and written back atomically, above every engine
 * (engines stay simple get/put stores). Per-key mutual exclusion with striped locks.
 *
 * <p>A replica merges an incoming version with what it holds (paper §4.4: reconciling versions
 * must never lose a concurrent write), and two merges of one key must not interleave between
 * the read and the write. The stripes are shared by every instance, so two instances over the
 * same engine still exclude each other; unrelated keys rarely share a stripe. Plain
 * {@link StorageEngine#put} calls bypass the locks: writers of versioned values go through here.
 */
public final class ReadMergeWrite {
    private static final int STRIPES = 1024; // a power of two, for masking
    /** Batches up to this many changes find a key's earlier changes by comparing keys, without a map. */
    private static final int SCANNED_BATCH = 16;
    private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final StorageEngine engine;

    public ReadMergeWrite(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Atomically with respect to other calls for the same key: reads the current value, applies
     * {@code merge}, and writes the result when it differs (an empty result removes the key).
     *
     * @return what is stored afterwards
     */
    public Optional<byte[]> apply(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge) {
        return apply(partition, key, merge, Written.NONE);
    }

    /** Told of a change once the engine has stored it, still under the key's lock (so in the key's order). */
    @FunctionalInterface
    public interface Written {
        Written NONE = (before, after) -> { };

        void stored(Optional<byte[]> before, Optional<byte[]> after);
    }

    /**
     * Like {@link #apply(int, byte[], UnaryOperator)}, and tells {@code written} of a change after
     * the engine stored it: state derived from the stored data (a Merkle tree) must not follow a
     * write the engine refused, or it would match its peers while the data does not.
     */
    public Optional<byte[]> apply(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge, Written written) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(merge, "merge");
        ReentrantLock lock = LOCKS[stripe(partition, key)];
        lock.lock();
        try {
            Optional<byte[]> current = engine.get(partition, key);
            // Compare against a private copy: a merge that edits the array it was given and
            // returns it must still be written.
            byte[] read = current.map(byte[]::clone).orElse(null);
            Optional<byte[]> merged = Objects.requireNonNull(merge.apply(current), "merge returned null");
            byte[] result = merged.orElse(null);
            if (!Arrays.equals(read, result)) { // null equals only null: absent vs empty value differ
                if (result == null) {
                    engine.remove(partition, key);
                } else {
                    engine.put(partition, key, result);
                }
                written.stored(Optional.ofNullable(read), merged);
            }
            return merged;
        } finally {
            lock.unlock();
        }
    }

    /** One read-merge-write of a batch ({@link #applyAll}), and the future that completes with what is stored after it. */
    public record Change(int partition, byte[] key, UnaryOperator<Optional<byte[]>> merge, Written written,
            CompletableFuture<Optional<byte[]>> done) {
        public Change {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(merge, "merge");
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(done, "done");
        }
    }

    /**
     * Applies several read-merge-writes as one engine write (group commit: one WAL append, one
     * sync). The keys' stripes are locked in ascending order, so two batches, or a batch and
     * {@link #apply}, cannot deadlock; the keys are read in one {@link StorageEngine#getAll}; each
     * merge runs in order on what the batch holds so far for its key, so two changes of one key
     * chain (the second merges the first's result, never overwrites it); then every changed key is
     * written in one {@link StorageEngine#write}. Only after that, still under the locks and in
     * order, each change's {@code written} is told, and once unlocked each {@code done} completes.
     * A merge that throws fails its own change, which changes nothing; a read or write the engine
     * refuses fails every change of the batch, and no {@code written} is told of any.
     */
    public void applyAll(List<Change> changes) {
        int[] stripes = stripesOf(changes);
        Batch batch = new Batch(changes);
        for (int s : stripes) {
            LOCKS[s].lock();
        }
        try {
            batch.run();
        } catch (RuntimeException | Error e) {
            batch.failAll(e);
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                LOCKS[stripes[i]].unlock();
            }
        }
        batch.complete(); // outside the locks: what waits on a write (replication, the answer) runs now
    }

    /** The distinct stripes of the changes' keys, ascending (the order every batch locks them in). */
    private static int[] stripesOf(List<Change> changes) {
        int[] all = new int[changes.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = stripe(changes.get(i).partition(), changes.get(i).key());
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return distinct == all.length ? all : Arrays.copyOf(all, distinct);
    }

    /** A batch's working state: the distinct keys, what it holds for each, and each change's outcome. */
    private final class Batch {
        private final List<Change> changes;
        private final List<Key> keys = new ArrayList<>();
        private final int[] slotOf;
        private final List<Optional<byte[]>> results;
        private final Throwable[] failures;

        Batch(List<Change> changes) {
            this.changes = changes;
            this.slotOf = new int[changes.size()];
            this.results = new ArrayList<>(changes.size());
            this.failures = new Throwable[changes.size()];
            // Most batches are a few keys: compared directly; a map only for a large batch.
            Map<Slot, Integer> slots = changes.size() > SCANNED_BATCH ? new HashMap<>() : Map.of();
            for (int i = 0; i < slotOf.length; i++) {
                Change c = changes.get(i);
                slotOf[i] = changes.size() <= SCANNED_BATCH ? scan(c) : slots.computeIfAbsent(
                        new Slot(c.partition(), ByteBuffer.wrap(c.key())), s -> add(c));
            }
        }

        private int scan(Change c) {
            for (int k = 0; k < keys.size(); k++) {
                if (keys.get(k).partition() == c.partition() && Arrays.equals(keys.get(k).key(), c.key())) {
                    return k;
                }
            }
            return add(c);
        }

        private int add(Change c) {
            keys.add(new Key(c.partition(), c.key()));
            return keys.size() - 1;
        }

        void run() {
            List<Optional<byte[]>> held = new ArrayList<>(engine.getAll(keys));
            boolean[] changed = new boolean[keys.size()];
            List<Optional<byte[]>> before = new ArrayList<>(changes.size());
            for (int i = 0; i < slotOf.length; i++) {
                int slot = slotOf[i];
                // What the batch holds is never handed to a merge, only a copy: a merge that edits
                // its array must still be written, and must not change an earlier write's result.
                Optional<byte[]> read = held.get(slot);
                before.add(read);
                try {
                    Optional<byte[]> merged = Objects.requireNonNull(changes.get(i).merge().apply(read.map(byte[]::clone)),
                            "merge returned null");
                    results.add(merged);
                    if (!Arrays.equals(read.orElse(null), merged.orElse(null))) {
                        held.set(slot, merged);
                        changed[slot] = true;
                    }
                } catch (RuntimeException e) {
                    failures[i] = e;
                    results.add(read);
                }
            }
            List<Update> updates = new ArrayList<>(keys.size());
            for (int slot = 0; slot < changed.length; slot++) {
                if (changed[slot]) {
                    updates.add(new Update(keys.get(slot), held.get(slot)));
                }
            }
            if (!updates.isEmpty()) {
                try {
                    engine.write(updates);
                } catch (StorageLimitException tooLarge) {
                    writeApart(updates, changed);
                }
            }
            for (int i = 0; i < slotOf.length; i++) {
                if (failures[i] == null && !Arrays.equals(before.get(i).orElse(null), results.get(i).orElse(null))) {
                    tell(i, before.get(i));
                }
            }
        }

        /**
         * A key or state over the engine's limits is refused before anything is written: its own
         * writes fail, as a single put would, and the others' are written one key at a time.
         */
        private void writeApart(List<Update> updates, boolean[] changed) {
            Throwable[] slotFailures = new Throwable[keys.size()];
            int u = 0;
            for (int slot = 0; slot < changed.length; slot++) {
                if (changed[slot]) {
                    try {
                        engine.write(List.of(updates.get(u)));
                    } catch (RuntimeException e) {
                        slotFailures[slot] = e;
                    }
                    u++;
                }
            }
            for (int i = 0; i < slotOf.length; i++) {
                if (failures[i] == null && slotFailures[slotOf[i]] != null) {
                    failures[i] = slotFailures[slotOf[i]];
                }
            }
        }

        private void tell(int i, Optional<byte[]> before) {
            try {
                changes.get(i).written().stored(before, results.get(i));
            } catch (RuntimeException e) {
                failures[i] = e;
            }
        }

        void failAll(Throwable e) {
            Arrays.fill(failures, e);
        }

        void complete() {
            for (int i = 0; i < failures.length; i++) {
                if (failures[i] != null) {
                    changes.get(i).done().completeExceptionally(failures[i]);
                } else {
                    changes.get(i).done().complete(results.get(i));
                }
            }
        }
    }

    /** A key of a batch by content (arrays compare by identity). */
    private record Slot(int partition, ByteBuffer key) {}

    static int stripe(int partition, byte[] key) {
        int h = Arrays.hashCode(key) * 31 + partition;
        h ^= h >>> 16; // spread high bits into the masked low ones
        return h & (STRIPES - 1);
    }
}
