package io.dynamo.jcache;

import io.dynamo.jcache.EntryStore.Cas;
import io.dynamo.jcache.EntryStore.Found;
import io.dynamo.spi.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;

/**
 * The operations on many keys: {@code getAll}, {@code putAll}, {@code removeAll}, {@code clear}
 * and {@code loadAll}. Each sends every key's request at once, pipelined over the client's
 * connections to each node, instead of a round trip per key (README "Bulk operations").
 */
final class BulkOperations<K, V> {
    private final CacheParts<K, V> parts;
    private final Executor background;

    BulkOperations(CacheParts<K, V> parts, Executor background) {
        this.parts = parts;
        this.background = background;
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        long start = System.nanoTime();
        EntryEvents<K, V> events = parts.events();
        Map<K, V> result = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        long now = parts.store().now();
        parts.reader().readEach(keys, parts.store()::key, (key, k, found) -> {
            CurrentEntry<K, V> cur = parts.reader().current(k, key, found, now, events, true);
            if (cur.present()) {
                result.put(key, cur.value());
                parts.reader().touch(k, cur, now);
            } else {
                missing.add(key);
            }
        });
        parts.stats().hitsAndMisses(result.size(), missing.size());
        if (parts.through().readsThrough() && !missing.isEmpty()) {
            Map<K, V> loaded = parts.through().loadAll(missing);
            for (K key : missing) {
                V value = loaded.get(key);
                if (value != null) {
                    byte[] k = parts.store().key(key);
                    CurrentEntry<K, V> cur = parts.reader().read(k, key, now, events);
                    // Read-through stores without writing through: the value came from there.
                    long loadedAt = parts.store().now();
                    if (parts.writer().create(k, key, value, cur, loadedAt, events) != EntryWriter.Creation.EXPIRED_ON_CREATION) {
                        result.put(key, value);
                    }
                }
            }
        }
        events.publish();
        parts.stats().getTime(start);
        return result;
    }

    void putAll(Map<? extends K, ? extends V> map) {
        long start = System.nanoTime();
        Map<K, V> toStore = new LinkedHashMap<>(map);
        Optional<CacheWriterException> writerFailure = parts.through().writeAll(toStore);
        EntryEvents<K, V> events = parts.events();
        int stored;
        if (parts.writer().writesBlind()) {
            List<CompletableFuture<Context>> writes = new ArrayList<>(toStore.size());
            for (Map.Entry<K, V> e : toStore.entrySet()) {
                writes.add(parts.writer().writeBlindAsync(parts.store().key(e.getKey()), e.getValue()));
            }
            for (CompletableFuture<Context> w : writes) {
                parts.store().await(w);
            }
            stored = writes.size();
        } else {
            List<K> written = new ArrayList<>(toStore.size());
            parts.reader().readEach(toStore.keySet(), parts.store()::key, (key, k, found) -> {
                if (parts.writer().put(k, key, toStore.get(key), found, events, true)) {
                    written.add(key);
                }
            });
            stored = written.size();
        }
        events.publish();
        parts.stats().puts(stored, start);
        if (writerFailure.isPresent()) {
            throw writerFailure.get();
        }
    }

    /** Removes every key of the cache, through the writer, with listeners and statistics. */
    void removeAll() {
        Set<K> keys = new LinkedHashSet<>();
        for (byte[] k : parts.store().keys()) {
            keys.add(parts.store().decodeKey(k));
        }
        removeAll(keys);
    }

    void removeAll(Set<? extends K> keys) {
        long start = System.nanoTime();
        Set<K> toRemove = new LinkedHashSet<>(keys);
        Optional<CacheWriterException> writerFailure = parts.through().deleteAll(toRemove);
        EntryEvents<K, V> events = parts.events();
        Map<K, CompletableFuture<Context>> deletes = new LinkedHashMap<>();
        Map<K, V> oldValues = new HashMap<>();
        long now = parts.store().now();
        parts.reader().readEach(toRemove, parts.store()::key, (key, k, found) -> {
            CurrentEntry<K, V> cur = parts.reader().current(k, key, found, now, events, true);
            if (cur.present()) {
                oldValues.put(key, events.oldValueOf(cur));
                deletes.put(key, parts.store().compareAndSetAsync(k, cur.context, Optional.empty()).thenApply(c -> c.state().context()));
            }
        });
        int removed = 0;
        for (Map.Entry<K, CompletableFuture<Context>> d : deletes.entrySet()) {
            parts.store().await(d.getValue());
            events.removed(d.getKey(), oldValues.get(d.getKey()));
            removed++;
        }
        events.publish();
        parts.stats().removals(removed, start);
        if (writerFailure.isPresent()) {
            throw writerFailure.get();
        }
    }

    /** Empties the cache on the cluster without the writer, listeners or statistics (JSR-107 {@code clear}). */
    void clear() {
        List<byte[]> keys = parts.store().keys();
        List<CompletableFuture<Found>> reads = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            reads.add(parts.store().readAsync(k));
        }
        List<CompletableFuture<Cas>> deletes = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Found f = parts.store().await(reads.get(i));
            if (!f.versions().isEmpty()) {
                deletes.add(parts.store().compareAndSetAsync(keys.get(i), f.context(), Optional.empty()));
            }
        }
        for (CompletableFuture<Cas> d : deletes) {
            parts.store().await(d);
        }
    }

    /**
     * Loads the keys with the cache's loader in the background (read-through's bulk form), storing
     * what it returns over what is there ({@code replaceExisting}) or only where {@code contains}
     * says the key is missing.
     */
    void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener completionListener, Predicate<K> contains) {
        if (!parts.through().hasLoader()) {
            if (completionListener != null) {
                completionListener.onCompletion();
            }
            return;
        }
        List<K> requested = new ArrayList<>(keys);
        background.execute(() -> {
            try {
                List<K> toLoad = new ArrayList<>();
                for (K key : requested) {
                    if (replaceExisting || !contains.test(key)) {
                        toLoad.add(key);
                    }
                }
                Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : parts.through().loadAll(toLoad);
                EntryEvents<K, V> events = parts.events();
                for (K key : toLoad) {
                    V value = loaded.get(key);
                    if (value != null) {
                        byte[] k = parts.store().key(key);
                        parts.writer().put(k, key, value, parts.store().read(k), events, false);
                    }
                }
                events.publish();
                if (completionListener != null) {
                    completionListener.onCompletion();
                }
            } catch (Exception e) {
                if (completionListener != null) {
                    completionListener.onException(e);
                }
            }
        });
    }
}
