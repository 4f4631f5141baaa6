package io.dynamo.jcache;

import java.util.Map;
import javax.cache.Cache;

/** A key and its value, as an iterator, a writer or a loader sees it. */
final class DynamoEntry<K, V> implements Cache.Entry<K, V> {
    private final K key;
    private final V value;

    DynamoEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache entry cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cache.Entry<?, ?> e && key.equals(e.getKey()) && java.util.Objects.equals(value, e.getValue());
    }

    @Override
    public int hashCode() {
        return Map.entry(key, value == null ? "" : value).hashCode();
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
