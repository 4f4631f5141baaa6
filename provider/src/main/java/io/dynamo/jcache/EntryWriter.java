package io.dynamo.jcache;

import io.dynamo.jcache.EntryStore.Found;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a key over what a read found: creations and updates with the expiry policy's deadline,
 * plain (superseding what was read) or by compare-and-set (only if nothing changed since), and
 * the events listeners hear of each.
 */
final class EntryWriter<K, V> {
    private final EntryStore<K, V> store;
    private final EntryReader<K, V> reader;
    private final ExpiryDeadlines expiry;
    private final ListenerRegistry<K, V> listeners;

    private static final Runnable NOTHING_THROUGH = () -> {
    };

    /** How a creation by compare-and-set ended. */
    enum Creation { CREATED, EXPIRED_ON_CREATION, LOST_RACE }

    EntryWriter(EntryStore<K, V> store, EntryReader<K, V> reader, ExpiryDeadlines expiry, ListenerRegistry<K, V> listeners) {
        this.store = store;
        this.reader = reader;
        this.expiry = expiry;
        this.listeners = listeners;
    }

    /** Whether a put may skip reading the key: no deadline to keep, no listener to tell, and last write wins anyway. */
    boolean writesBlind() {
        return expiry.isEternal() && listeners.isEmpty() && store.spec().policy() == ConflictPolicy.LAST_WRITE_WINS;
    }

    /** Nothing needs the old value: write straight away, one round trip, last write wins. */
    CompletableFuture<Context> writeBlindAsync(byte[] k, V value) {
        return store.writeAsync(k, Context.empty(), store.stored(value, StoredValue.ETERNAL));
    }

    /** Writes {@code value} over what {@code found} holds (create or update, with the expiry policy's deadline). */
    boolean put(byte[] k, K key, V value, Found found, EntryEvents<K, V> events, boolean noticeExpiry) {
        long now = store.now();
        return put(k, key, value, reader.current(k, key, found, now, events, noticeExpiry), now, events);
    }

    /** Writes {@code value} superseding what {@code cur} read; false when the policy expires it on creation. */
    boolean put(byte[] k, K key, V value, CurrentEntry<K, V> cur, long now, EntryEvents<K, V> events) {
        if (!cur.present()) {
            long expiresAt = expiry.forCreation(now);
            if (expiresAt <= now) {
                return false;
            }
            store.write(k, cur.context, store.stored(value, expiresAt));
            events.created(key, value);
            return true;
        }
        long expiresAt = expiry.forUpdate(now, cur.stored.expiresAt());
        store.write(k, cur.context, store.stored(value, expiresAt));
        events.updated(key, value, events.oldValueOf(cur));
        return true;
    }

    /** Creates the absent key {@code cur} read, unless another writer created it since (a load: nothing to write through). */
    Creation create(byte[] k, K key, V value, CurrentEntry<K, V> cur, long now, EntryEvents<K, V> events) {
        return create(k, key, value, cur, now, events, NOTHING_THROUGH);
    }

    /**
     * Creates the absent key {@code cur} read, unless another writer created it since; {@code through}
     * (the write-through) runs once the compare-and-set applied, see {@link #throughOrUndo}.
     */
    Creation create(byte[] k, K key, V value, CurrentEntry<K, V> cur, long now, EntryEvents<K, V> events, Runnable through) {
        long expiresAt = expiry.forCreation(now);
        if (expiresAt <= now) {
            return Creation.EXPIRED_ON_CREATION;
        }
        EntryStore.Cas cas = store.compareAndSet(k, cur.context, Optional.of(store.stored(value, expiresAt)));
        if (!cas.applied()) {
            return Creation.LOST_RACE;
        }
        throughOrUndo(k, cur, cas, through);
        events.created(key, value);
        return Creation.CREATED;
    }

    /** Replaces the value {@code cur} read, unless another writer changed it since; whether it did. */
    boolean update(byte[] k, K key, V value, CurrentEntry<K, V> cur, long now, EntryEvents<K, V> events, Runnable through) {
        long expiresAt = expiry.forUpdate(now, cur.stored.expiresAt());
        EntryStore.Cas cas = store.compareAndSet(k, cur.context, Optional.of(store.stored(value, expiresAt)));
        if (!cas.applied()) {
            return false;
        }
        throughOrUndo(k, cur, cas, through);
        events.updated(key, value, cur.value());
        return true;
    }

    /** Removes the entry {@code cur} read, unless another writer changed it since; whether it did. */
    boolean remove(byte[] k, K key, CurrentEntry<K, V> cur, EntryEvents<K, V> events, Runnable through) {
        EntryStore.Cas cas = store.compareAndSet(k, cur.context, Optional.empty());
        if (!cas.applied()) {
            return false;
        }
        throughOrUndo(k, cur, cas, through);
        events.removed(key, cur.value());
        return true;
    }

    /**
     * Writes through after the compare-and-set applied, not before each attempt: an attempt that
     * loses the race to another writer is retried on a fresh read and may end differently (or
     * not write at all), so only the attempt that applied may reach the cache writer, once. A
     * writer that fails leaves the cache as it was (JSR-107 §9.2): what the write replaced is put
     * back by compare-and-set on the state just written, unless someone wrote since, and the
     * writer's exception goes to the caller with no event.
     */
    private void throughOrUndo(byte[] k, CurrentEntry<K, V> cur, EntryStore.Cas cas, Runnable through) {
        try {
            through.run();
        } catch (RuntimeException e) {
            try {
                store.compareAndSet(k, cas.state().context(), cur.present() ? Optional.of(cur.stored) : Optional.empty());
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }
}
