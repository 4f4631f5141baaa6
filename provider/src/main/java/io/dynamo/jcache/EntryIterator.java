package io.dynamo.jcache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import javax.cache.Cache;

/**
 * Iterates over the keys live when it started, reading values in pipelined batches;
 * {@code remove()} is the cache's {@code remove(key)}.
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
    private static final int BATCH = 128;
    private final DynamoJCache<K, V> cache;
    private final CacheParts<K, V> parts;
    private final List<byte[]> keys;
    private int nextKey;
    private final List<Staged<K, V>> buffer = new ArrayList<>();
    private int nextEntry;
    private Cache.Entry<K, V> last;

    EntryIterator(DynamoJCache<K, V> cache, CacheParts<K, V> parts, List<byte[]> keys) {
        this.cache = cache;
        this.parts = parts;
        this.keys = keys;
    }

    @Override
    public boolean hasNext() {
        cache.ensureOpen();
        while (nextEntry >= buffer.size() && nextKey < keys.size()) {
            fill();
        }
        return nextEntry < buffer.size();
    }

    @Override
    public Cache.Entry<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Staged<K, V> staged = buffer.get(nextEntry++);
        // Access expiry is the policy's business per entry handed out, not per entry read ahead.
        parts.reader().touch(staged.key, staged.current, parts.store().now());
        last = staged.entry;
        parts.stats().hit(true);
        return last;
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() has not been called, or remove() was already called for this entry");
        }
        cache.remove(last.getKey());
        last = null;
    }

    private void fill() {
        buffer.clear();
        nextEntry = 0;
        int end = Math.min(keys.size(), nextKey + BATCH);
        EntryEvents<K, V> events = parts.events();
        long now = parts.store().now();
        EntryReader<K, V> reader = parts.reader();
        reader.readEach(keys.subList(nextKey, end), Function.identity(), (k, same, found) -> {
            K key = parts.store().decodeKey(k);
            CurrentEntry<K, V> cur = reader.current(k, key, found, now, events, true);
            if (cur.present()) {
                buffer.add(new Staged<>(k, cur, new DynamoEntry<>(key, cur.value())));
            }
        });
        nextKey = end;
        events.publish();
    }

    /** An entry read ahead, with what touching it later needs. */
    private record Staged<K, V>(byte[] key, CurrentEntry<K, V> current, Cache.Entry<K, V> entry) {
    }
}
