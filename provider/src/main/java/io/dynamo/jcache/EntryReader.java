package io.dynamo.jcache;

import io.dynamo.jcache.EntryStore.Found;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads keys as JCache sees them. Expiry deadlines travel with the values (README "Expiry") and
 * the nodes decide, in the cluster's time, what is live: a get answers live versions only, and the
 * coordinator removes a key whose every version expired, giving those back so that the client
 * that noticed fires EXPIRED. Reads move the deadline under an access expiry policy. Under the
 * merge policy the store has already merged siblings.
 */
final class EntryReader<K, V> {
    private final EntryStore<K, V> store;
    private final ExpiryDeadlines expiry;

    EntryReader(EntryStore<K, V> store, ExpiryDeadlines expiry) {
        this.store = store;
        this.expiry = expiry;
    }

    /** The cluster's time, as {@link EntryStore#now()}. */
    long now() {
        return store.now();
    }

    /** Reads the key now, noticing expiry. */
    CurrentEntry<K, V> read(byte[] k, K key, long now, EntryEvents<K, V> events) {
        return current(k, key, store.read(k), now, events, true);
    }

    /**
     * Interprets a read: live versions, or absent. A version whose expiry time passed in the
     * cluster's time ({@code now}, for the versions of a compare-and-set's answer) reads as absent;
     * the client never deletes it on its own reckoning, the coordinator does. When the read's
     * coordinator found the key's one version expired and removed it, and {@code noticeExpiry},
     * listeners hear EXPIRED. Concurrent versions (siblings policy) are present, but have no single
     * value: writes and removes supersede them all with the read's context, value reads throw.
     */
    CurrentEntry<K, V> current(byte[] k, K key, Found found, long now, EntryEvents<K, V> events, boolean noticeExpiry) {
        // The cluster's time as of this answer, not of the request: the answer itself may be the
        // first to tell this client how far its clock is off.
        long clusterNow = Math.min(now, store.now());
        List<StoredValue> live = new ArrayList<>(found.versions().size());
        for (StoredValue s : found.versions()) {
            if (!s.isExpiredAt(clusterNow)) {
                live.add(s);
            }
        }
        if (!live.isEmpty()) {
            return CurrentEntry.present(store, key, found.context(), live.get(0), live.size());
        }
        if (noticeExpiry && found.versions().isEmpty() && found.expired().size() == 1 && events.isListenedTo()) {
            events.expired(key, store.value(found.expired().get(0)));
        }
        return CurrentEntry.absent(store, key, found.context());
    }

    /** Access expiry: a read moves the deadline when the policy says so (written back by compare-and-set). */
    void touch(byte[] k, CurrentEntry<K, V> cur, long now) {
        if (expiry.isEternal()) {
            return;
        }
        long expiresAt = expiry.forAccess(now, cur.stored.expiresAt());
        if (expiresAt != cur.stored.expiresAt()) {
            store.compareAndSet(k, cur.context, Optional.of(new StoredValue(expiresAt, cur.stored.payload())));
        }
    }

    /**
     * Bulk reads: sends every item's read at once, pipelined over the client's connections, then
     * hands each answer (merged, under the merge policy) to {@code each}, in the items' order.
     */
    <T> void readEach(Collection<? extends T> items, Function<? super T, byte[]> keyOf, Answer<T> each) {
        List<T> ordered = new ArrayList<>(items);
        List<byte[]> keys = new ArrayList<>(ordered.size());
        List<CompletableFuture<Found>> reads = new ArrayList<>(ordered.size());
        for (T item : ordered) {
            byte[] k = keyOf.apply(item);
            keys.add(k);
            reads.add(store.readAsync(k));
        }
        for (int i = 0; i < ordered.size(); i++) {
            byte[] k = keys.get(i);
            each.accept(ordered.get(i), k, store.resolve(k, store.await(reads.get(i))));
        }
    }

    /** What a bulk read found for one item, whose key encodes as {@code k}. */
    @FunctionalInterface
    interface Answer<T> {
        void accept(T item, byte[] k, Found found);
    }
}
