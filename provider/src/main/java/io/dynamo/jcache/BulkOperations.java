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
    private final EntryStore<K, V> store;
    private final EntryReader<K, V> reader;
    private final EntryWriter<K, V> writer;
    private final ReadWriteThrough<K, V> through;
    private final StatisticsRecorder stats;
    private final Executor background;

    BulkOperations(CacheParts<K, V> parts, Executor background) {
        this.parts = parts;
        this.store = parts.store();
        this.reader = parts.reader();
        this.writer = parts.writer();
        this.through = parts.through();
        this.stats = parts.stats();
        this.background = background;
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        long start = System.nanoTime();
        EntryEvents<K, V> events = parts.events();
        Map<K, V> result = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        long now = ExpiryDeadlines.now();
        reader.readEach(keys, store::key, (key, k, found) -> {
            CurrentEntry<K, V> cur = reader.current(k, key, found, now, events, true);
            if (cur.present()) {
                result.put(key, cur.value());
                reader.touch(k, cur, now);
            } else {
                missing.add(key);
            }
        });
        stats.hitsAndMisses(result.size(), missing.size());
        if (through.readsThrough() && !missing.isEmpty()) {
            Map<K, V> loaded = through.loadAll(missing);
            for (K key : missing) {
                V value = loaded.get(key);
                if (value != null) {
                    byte[] k = store.key(key);
                    CurrentEntry<K, V> cur = reader.read(k, key, now, events);
                    // Read-through stores without writing through: the value came from there.
                    if (writer.create(k, key, value, cur, ExpiryDeadlines.now(), events) != EntryWriter.Creation.EXPIRED_ON_CREATION) {
                        result.put(key, value);
                    }
                }
            }
        }
        events.publish();
        stats.getTime(start);
        return result;
    }

    void putAll(Map<? extends K, ? extends V> map) {
        long start = System.nanoTime();
        Map<K, V> toStore = new LinkedHashMap<>(map);
        Optional<CacheWriterException> writerFailure = through.writeAll(toStore);
        EntryEvents<K, V> events = parts.events();
        int stored;
        if (writer.writesBlind()) {
            List<CompletableFuture<Context>> writes = new ArrayList<>(toStore.size());
            for (Map.Entry<K, V> e : toStore.entrySet()) {
                writes.add(writer.writeBlindAsync(store.key(e.getKey()), e.getValue()));
            }
            for (CompletableFuture<Context> w : writes) {
                store.await(w);
            }
            stored = writes.size();
        } else {
            List<K> written = new ArrayList<>(toStore.size());
            reader.readEach(toStore.keySet(), store::key, (key, k, found) -> {
                if (writer.put(k, key, toStore.get(key), found, events, true)) {
                    written.add(key);
                }
            });
            stored = written.size();
        }
        events.publish();
        stats.puts(stored, start);
        if (writerFailure.isPresent()) {
            throw writerFailure.get();
        }
    }

    /** Removes every key of the cache, through the writer, with listeners and statistics. */
    void removeAll() {
        Set<K> keys = new LinkedHashSet<>();
        for (byte[] k : store.keys()) {
            keys.add(store.decodeKey(k));
        }
        removeAll(keys);
    }

    void removeAll(Set<? extends K> keys) {
        long start = System.nanoTime();
        Set<K> toRemove = new LinkedHashSet<>(keys);
        Optional<CacheWriterException> writerFailure = through.deleteAll(toRemove);
        EntryEvents<K, V> events = parts.events();
        Map<K, CompletableFuture<Context>> deletes = new LinkedHashMap<>();
        Map<K, V> oldValues = new HashMap<>();
        long now = ExpiryDeadlines.now();
        reader.readEach(toRemove, store::key, (key, k, found) -> {
            CurrentEntry<K, V> cur = reader.current(k, key, found, now, events, true);
            if (cur.present()) {
                oldValues.put(key, events.oldValueOf(cur));
                deletes.put(key, store.compareAndSetAsync(k, cur.context, Optional.empty()).thenApply(c -> c.state().context()));
            }
        });
        int removed = 0;
        for (Map.Entry<K, CompletableFuture<Context>> d : deletes.entrySet()) {
            store.await(d.getValue());
            events.removed(d.getKey(), oldValues.get(d.getKey()));
            removed++;
        }
        events.publish();
        stats.removals(removed, start);
        if (writerFailure.isPresent()) {
            throw writerFailure.get();
        }
    }

    /** Empties the cache on the cluster without the writer, listeners or statistics (JSR-107 {@code clear}). */
    void clear() {
        List<byte[]> keys = store.keys();
        List<CompletableFuture<Found>> reads = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            reads.add(store.readAsync(k));
        }
        List<CompletableFuture<Cas>> deletes = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Found f = store.await(reads.get(i));
            if (!f.versions().isEmpty()) {
                deletes.add(store.compareAndSetAsync(keys.get(i), f.context(), Optional.empty()));
            }
        }
        for (CompletableFuture<Cas> d : deletes) {
            store.await(d);
        }
    }

    /**
     * Loads the keys with the cache's loader in the background (read-through's bulk form), storing
     * what it returns over what is there ({@code replaceExisting}) or only where {@code contains}
     * says the key is missing.
     */
    void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener completionListener, Predicate<K> contains) {
        if (!through.hasLoader()) {
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
                Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : through.loadAll(toLoad);
                EntryEvents<K, V> events = parts.events();
                for (K key : toLoad) {
                    V value = loaded.get(key);
                    if (value != null) {
                        byte[] k = store.key(key);
                        writer.put(k, key, value, store.read(k), events, false);
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
