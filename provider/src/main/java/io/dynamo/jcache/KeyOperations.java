package io.dynamo.jcache;

import java.util.Optional;

/**
 * The unconditional single-key operations: {@code get} (with read-through), {@code containsKey},
 * {@code put}, {@code getAndPut} and {@code remove}. Each reads the key
 * (unless a put may write blind) and writes with the read's context, so a put or remove
 * supersedes every sibling it read; no compare-and-set, last writer wins.
 */
final class KeyOperations<K, V> {
    private final CacheParts<K, V> parts;

    KeyOperations(CacheParts<K, V> parts) {
        this.parts = parts;
    }

    V get(K key) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        EntryEvents<K, V> events = parts.events();
        long now = parts.store().now();
        CurrentEntry<K, V> cur = parts.reader().read(k, key, now, events);
        V result;
        if (cur.present()) {
            result = cur.value();
            parts.reader().touch(k, cur, now);
            parts.stats().hit(true);
        } else {
            parts.stats().hit(false);
            result = loadAndStore(k, key, cur, now, events);
        }
        events.publish();
        parts.stats().getTime(start);
        return result;
    }

    /** An expired entry reads as absent; unlike the other reads, this one neither deletes it nor fires EXPIRED. */
    boolean containsKey(K key) {
        byte[] k = parts.store().key(key);
        return parts.reader().current(k, key, parts.store().read(k), parts.store().now(), parts.events(), false).present();
    }

    void put(K key, V value) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        parts.through().write(key, value);
        EntryEvents<K, V> events = parts.events();
        boolean stored;
        if (parts.writer().writesBlind()) {
            parts.store().await(parts.writer().writeBlindAsync(k, value));
            stored = true;
        } else {
            stored = parts.writer().put(k, key, value, parts.store().read(k), events, true);
        }
        events.publish();
        parts.stats().puts(stored ? 1 : 0, start);
    }

    V getAndPut(K key, V value) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        parts.through().write(key, value);
        EntryEvents<K, V> events = parts.events();
        long now = parts.store().now();
        CurrentEntry<K, V> cur = parts.reader().read(k, key, now, events);
        V old = cur.present() ? cur.value() : null;
        boolean stored = parts.writer().put(k, key, value, cur, now, events);
        events.publish();
        parts.stats().hit(old != null);
        parts.stats().puts(stored ? 1 : 0, start);
        return old;
    }

    boolean remove(K key) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        parts.through().delete(key);
        EntryEvents<K, V> events = parts.events();
        CurrentEntry<K, V> cur = parts.reader().read(k, key, parts.store().now(), events);
        boolean removed = false;
        if (cur.present()) {
            parts.store().delete(k, cur.context);
            events.removed(key, events.oldValueOf(cur));
            removed = true;
        }
        events.publish();
        parts.stats().removals(removed ? 1 : 0, start);
        return removed;
    }

    /** Read-through: loads a missing key and stores it (no write-through: the value came from there). */
    private V loadAndStore(byte[] k, K key, CurrentEntry<K, V> cur, long now, EntryEvents<K, V> events) {
        if (!parts.through().readsThrough()) {
            return null;
        }
        Optional<V> value = parts.through().load(key);
        value.ifPresent(v -> parts.writer().create(k, key, v, cur, now, events));
        return value.orElse(null);
    }
}
