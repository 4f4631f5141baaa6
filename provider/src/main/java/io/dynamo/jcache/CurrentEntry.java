package io.dynamo.jcache;

import io.dynamo.spi.Context;
import javax.cache.CacheException;

/**
 * A key's entry as a read found it: present, or absent with the context to write it under.
 * Concurrent versions (siblings policy) are present but have no single value; the value is
 * decoded on first use only, so operations that need none (put, remove, containsKey) work on
 * siblings too.
 */
final class CurrentEntry<K, V> {
    /** The first live version, or null when absent. */
    final StoredValue stored;
    final Context context;
    /** Live concurrent versions (siblings policy); a JCache value exists only when there is one. */
    final int versions;
    final K key;
    private final EntryStore<K, V> store;
    private V value;

    private CurrentEntry(EntryStore<K, V> store, StoredValue stored, Context context, int versions, K key) {
        this.store = store;
        this.stored = stored;
        this.context = context;
        this.versions = versions;
        this.key = key;
    }

    static <K, V> CurrentEntry<K, V> absent(EntryStore<K, V> store, K key, Context context) {
        return new CurrentEntry<>(store, null, context, 0, key);
    }

    static <K, V> CurrentEntry<K, V> present(EntryStore<K, V> store, K key, Context context, StoredValue first, int versions) {
        return new CurrentEntry<>(store, first, context, versions, key);
    }

    boolean present() {
        return stored != null;
    }

    /** The value, or null when absent; throws when siblings leave no single value to give. */
    V value() {
        if (versions > 1) {
            throw new CacheException("key " + key + " of cache '" + store.spec().name() + "' has " + versions
                    + " concurrent versions (siblings policy): read them with DynamoCache.getVersions and resolve them with"
                    + " DynamoCache.put(key, context, value)");
        }
        if (value == null && stored != null) {
            value = store.value(stored);
        }
        return value;
    }
}
