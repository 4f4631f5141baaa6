package io.dynamo.jcache;

import java.util.Optional;

/**
 * The unconditional single-key operations: {@code get} (with read-through), {@code containsKey},
 * {@code put}, {@code getAndPut}, {@code remove} and {@code getAndRemove}. Each reads the key
 * (unless a put may write blind) and writes with the read's context, so a put or remove
 * supersedes every sibling it read; no compare-and-set, last writer wins.
 */
final class KeyOperations<K, V> {
    private final CacheParts<K, V> parts;
    private final EntryStore<K, V> store;
    private final EntryReader<K, V> reader;
    private final EntryWriter<K, V> writer;
    private final ReadWriteThrough<K, V> through;
    private final StatisticsRecorder stats;

    KeyOperations(CacheParts<K, V> parts) {
        this.parts = parts;
        this.store = parts.store();
        this.reader = parts.reader();
        this.writer = parts.writer();
        this.through = parts.through();
        this.stats = parts.stats();
    }

    V get(K key) {
        long start = System.nanoTime();
        byte[] k = store.key(key);
        EntryEvents<K, V> events = parts.events();
        long now = ExpiryDeadlines.now();
        CurrentEntry<K, V> cur = reader.read(k, key, now, events);
        V result;
        if (cur.present()) {
            result = cur.value();
            reader.touch(k, cur, now);
            stats.hit(true);
        } else {
            stats.hit(false);
            result = loadAndStore(k, key, cur, now, events);
        }
        events.publish();
        stats.getTime(start);
        return result;
    }

    /** Present means live: an expired entry is absent, though only reads of its value delete it. */
    boolean containsKey(K key) {
        byte[] k = store.key(key);
        return reader.current(k, key, store.read(k), ExpiryDeadlines.now(), parts.events(), false).present();
    }

    void put(K key, V value) {
        long start = System.nanoTime();
        byte[] k = store.key(key);
        through.write(key, value);
        EntryEvents<K, V> events = parts.events();
        boolean stored;
        if (writer.writesBlind()) {
            store.await(writer.writeBlindAsync(k, value));
            stored = true;
        } else {
            stored = writer.put(k, key, value, store.read(k), events, true);
        }
        events.publish();
        stats.puts(stored ? 1 : 0, start);
    }

    V getAndPut(K key, V value) {
        long start = System.nanoTime();
        byte[] k = store.key(key);
        through.write(key, value);
        EntryEvents<K, V> events = parts.events();
        long now = ExpiryDeadlines.now();
        CurrentEntry<K, V> cur = reader.read(k, key, now, events);
        V old = cur.present() ? cur.value() : null;
        boolean stored = writer.put(k, key, value, cur, now, events);
        events.publish();
        stats.hit(old != null);
        stats.puts(stored ? 1 : 0, start);
        return old;
    }

    boolean remove(K key) {
        long start = System.nanoTime();
        byte[] k = store.key(key);
        through.delete(key);
        EntryEvents<K, V> events = parts.events();
        CurrentEntry<K, V> cur = reader.read(k, key, ExpiryDeadlines.now(), events);
        boolean removed = false;
        if (cur.present()) {
            store.delete(k, cur.context);
            events.removed(key, events.oldValueOf(cur));
            removed = true;
        }
        events.publish();
        stats.removals(removed ? 1 : 0, start);
        return removed;
    }

    V getAndRemove(K key) {
        long start = System.nanoTime();
        byte[] k = store.key(key);
        through.delete(key);
        EntryEvents<K, V> events = parts.events();
        CurrentEntry<K, V> cur = reader.read(k, key, ExpiryDeadlines.now(), events);
        V old = null;
        if (cur.present()) {
            old = cur.value();
            store.delete(k, cur.context);
            events.removed(key, old);
        }
        events.publish();
        stats.hit(old != null);
        stats.removals(old != null ? 1 : 0, start);
        return old;
    }

    /** Read-through: loads a missing key and stores it (no write-through: the value came from there). */
    private V loadAndStore(byte[] k, K key, CurrentEntry<K, V> cur, long now, EntryEvents<K, V> events) {
        if (!through.readsThrough()) {
            return null;
        }
        Optional<V> value = through.load(key);
        value.ifPresent(v -> writer.create(k, key, v, cur, now, events));
        return value.orElse(null);
    }
}
