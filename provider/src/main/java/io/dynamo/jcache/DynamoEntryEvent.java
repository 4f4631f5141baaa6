package io.dynamo.jcache;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One change to an entry, as delivered to listeners. For UPDATED, REMOVED and EXPIRED the old
 * value is always available (for REMOVED and EXPIRED it is also the event's value, JSR-107 1.1).
 */
final class DynamoEntryEvent<K, V> extends CacheEntryEvent<K, V> {
    private static final long serialVersionUID = 1L;

    private final K key;
    private final V value;
    private final V oldValue;
    private final boolean oldValueAvailable;

    private DynamoEntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
        this.oldValueAvailable = oldValueAvailable;
    }

    static <K, V> DynamoEntryEvent<K, V> created(Cache<K, V> source, K key, V value) {
        return new DynamoEntryEvent<>(source, EventType.CREATED, key, value, null, false);
    }

    static <K, V> DynamoEntryEvent<K, V> updated(Cache<K, V> source, K key, V value, V oldValue) {
        return new DynamoEntryEvent<>(source, EventType.UPDATED, key, value, oldValue, true);
    }

    static <K, V> DynamoEntryEvent<K, V> removed(Cache<K, V> source, K key, V oldValue) {
        return new DynamoEntryEvent<>(source, EventType.REMOVED, key, oldValue, oldValue, true);
    }

    static <K, V> DynamoEntryEvent<K, V> expired(Cache<K, V> source, K key, V oldValue) {
        return new DynamoEntryEvent<>(source, EventType.EXPIRED, key, oldValue, oldValue, true);
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
    public V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValueAvailable;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache entry event cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public String toString() {
        return "DynamoEntryEvent[" + getEventType() + " " + key + "]";
    }
}
