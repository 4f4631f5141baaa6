package io.dynamo.jcache;

import java.util.Objects;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on: a local view of the key's
 * value at the read, recording the one change to apply afterwards by compare-and-set.
 */
final class DynamoMutableEntry<K, V> implements MutableEntry<K, V> {
    /** What the processor did, in JSR-107's terms. */
    enum Operation { NONE, ACCESS, CREATE, LOAD, UPDATE, REMOVE }

    private final K key;
    private final boolean existed;
    private final CacheLoader<K, V> loader;
    private V value;
    private Operation operation = Operation.NONE;

    /** @param loader the read-through loader, or null when the cache does not read through */
    DynamoMutableEntry(K key, V current, CacheLoader<K, V> loader) {
        this.key = key;
        this.value = current;
        this.existed = current != null;
        this.loader = loader;
    }

    Operation operation() {
        return operation;
    }

    boolean existed() {
        return existed;
    }

    V value() {
        return value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (value != null) {
            if (operation == Operation.NONE) {
                operation = Operation.ACCESS;
            }
            return value;
        }
        if (operation == Operation.NONE && loader != null) {
            V loaded;
            try {
                loaded = loader.load(key);
            } catch (CacheLoaderException e) {
                throw e;
            } catch (Exception e) {
                throw new CacheLoaderException("the cache loader failed for " + key + ": " + e, e);
            }
            if (loaded != null) {
                value = loaded;
                operation = Operation.LOAD;
            }
        }
        return value;
    }

    @Override
    public boolean exists() {
        return value != null;
    }

    @Override
    public void remove() {
        operation = operation == Operation.CREATE || operation == Operation.LOAD ? Operation.NONE : Operation.REMOVE;
        value = null;
    }

    @Override
    public void setValue(V newValue) {
        Objects.requireNonNull(newValue, "an entry processor may not set a null value");
        operation = existed ? Operation.UPDATE : Operation.CREATE;
        value = newValue;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a mutable entry cannot be unwrapped to " + clazz.getName());
    }
}
