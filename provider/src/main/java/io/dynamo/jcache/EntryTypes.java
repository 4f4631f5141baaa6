package io.dynamo.jcache;

import java.util.Collection;
import java.util.Objects;
import javax.cache.configuration.Configuration;

/**
 * The key and value types a cache was configured with, checked on every argument as JSR-107
 * asks: null is a NullPointerException, a key or value of another type a ClassCastException
 * (the spec's runtime type checking; {@code Object} means unchecked).
 */
final class EntryTypes<K, V> {
    private final Configuration<K, V> config;
    private final String cacheName;

    EntryTypes(Configuration<K, V> config, String cacheName) {
        this.config = config;
        this.cacheName = cacheName;
    }

    void checkKeys(Collection<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            checkKey(key);
        }
    }

    void checkKey(K key) {
        if (key == null) {
            throw new NullPointerException("a cache key may not be null");
        }
        Class<K> type = config.getKeyType();
        if (type != Object.class && !type.isInstance(key)) {
            throw new ClassCastException("key " + key + " is a " + key.getClass().getName() + ", cache '" + cacheName + "' holds "
                    + type.getName());
        }
    }

    void checkValue(V value) {
        if (value == null) {
            throw new NullPointerException("a cache value may not be null");
        }
        Class<V> type = config.getValueType();
        if (type != Object.class && !type.isInstance(value)) {
            throw new ClassCastException("value " + value + " is a " + value.getClass().getName() + ", cache '" + cacheName + "' holds "
                    + type.getName());
        }
    }
}
