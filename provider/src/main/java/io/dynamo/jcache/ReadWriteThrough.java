package io.dynamo.jcache;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A cache's loader and writer (JSR-107 read-through and write-through), with the spec's
 * exception wrapping: anything a loader throws reaches the caller as a CacheLoaderException,
 * anything a writer throws as a CacheWriterException.
 */
final class ReadWriteThrough<K, V> {
    private final String cacheName;
    private final CompleteConfiguration<K, V> config;
    private final CacheLoader<K, V> loader;
    private final CacheWriter<K, V> writer;

    ReadWriteThrough(String cacheName, CompleteConfiguration<K, V> config) {
        this.cacheName = cacheName;
        this.config = config;
        this.loader = config.getCacheLoaderFactory() == null ? null : config.getCacheLoaderFactory().create();
        this.writer = writerOf(config);
    }

    /** A loader exists: {@code loadAll} uses it even when the cache does not read through. */
    boolean hasLoader() {
        return loader != null;
    }

    boolean readsThrough() {
        return loader != null && config.isReadThrough();
    }

    /** The loader an entry processor's {@code getValue} may use, or null when the cache does not read through. */
    CacheLoader<K, V> loaderForProcessors() {
        return readsThrough() ? loader : null;
    }

    /** The loaded value, or empty when the loader has none. */
    Optional<V> load(K key) {
        try {
            return Optional.ofNullable(loader.load(key));
        } catch (CacheLoaderException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheLoaderException("the cache loader of cache '" + cacheName + "' failed for " + key + ": " + e, e);
        }
    }

    Map<K, V> loadAll(List<K> keys) {
        try {
            Map<K, V> loaded = loader.loadAll(keys);
            return loaded == null ? Map.of() : loaded;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheLoaderException("the cache loader of cache '" + cacheName + "' failed: " + e, e);
        }
    }

    void write(K key, V value) {
        if (writesThrough()) {
            try {
                writer.write(new DynamoEntry<>(key, value));
            } catch (Exception e) {
                throw asWriterException(e);
            }
        }
    }

    void delete(K key) {
        if (writesThrough()) {
            try {
                writer.delete(key);
            } catch (Exception e) {
                throw asWriterException(e);
            }
        }
    }

    /**
     * Writes the entries through; on failure, removes from {@code entries} those the writer left
     * unwritten (they must not reach the cache either) and returns the exception to throw once
     * the written ones are stored.
     */
    Optional<CacheWriterException> writeAll(Map<K, V> entries) {
        if (!writesThrough() || entries.isEmpty()) {
            return Optional.empty();
        }
        List<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>(entries.size());
        for (Map.Entry<K, V> e : entries.entrySet()) {
            pending.add(new DynamoEntry<>(e.getKey(), e.getValue()));
        }
        try {
            writer.writeAll(pending);
            return Optional.empty();
        } catch (Exception e) {
            for (Cache.Entry<? extends K, ? extends V> failed : pending) {
                entries.remove(failed.getKey());
            }
            return Optional.of(asWriterException(e));
        }
    }

    /** Deletes the keys through; on failure, keeps in {@code keys} only those the writer deleted. */
    Optional<CacheWriterException> deleteAll(Set<K> keys) {
        if (!writesThrough() || keys.isEmpty()) {
            return Optional.empty();
        }
        Collection<Object> pending = new ArrayList<>(keys);
        try {
            writer.deleteAll(pending);
            return Optional.empty();
        } catch (Exception e) {
            keys.removeAll(pending);
            return Optional.of(asWriterException(e));
        }
    }

    void close() {
        closeQuietly(loader);
        closeQuietly(writer);
    }

    private boolean writesThrough() {
        return writer != null && config.isWriteThrough();
    }

    private CacheWriterException asWriterException(Exception e) {
        return e instanceof CacheWriterException cwe ? cwe
                : new CacheWriterException("the cache writer of cache '" + cacheName + "' failed: " + e, e);
    }

    /** The writer's declared bounds ({@code ? super K}) accept our K and V; the cast only names that. */
    @SuppressWarnings("unchecked")
    private static <K, V> CacheWriter<K, V> writerOf(CompleteConfiguration<K, V> config) {
        return config.getCacheWriterFactory() == null ? null : (CacheWriter<K, V>) config.getCacheWriterFactory().create();
    }

    private static void closeQuietly(Object o) {
        if (o instanceof Closeable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a user's loader or writer failing to close must not keep the cache open
            }
        }
    }
}
