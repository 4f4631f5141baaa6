package io.dynamo.jcache;

import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} over the cluster. Values are stored by value (codec bytes inside a
 * {@link StoredValue} envelope carrying the expiry time). Plain writes go straight to the key's
 * preference list; conditional operations ({@code putIfAbsent}, {@code replace}, {@code remove(k, v)},
 * {@code invoke}) read the key, check the condition here with {@code equals}, and write by
 * compare-and-set on the version the read returned (DESIGN decision 11), retrying when another
 * writer got there first. Bulk operations send every key's request at once, pipelined over the
 * client's connections to each node.
 *
 * <p>This class adapts the spec's interface: it checks arguments and the cache's state, and hands
 * each operation to the collaborator that owns it ({@link KeyOperations}, {@link ConditionalWrites},
 * {@link BulkOperations}, {@link EntryProcessing}, {@link EntryIterator}); it keeps the lifecycle
 * and listener registration.
 */
public final class DynamoJCache<K, V> implements Cache<K, V>, DynamoCache<K, V> {
    private final DynamoCacheManager manager;
    private final String name;
    private final DynamoConfiguration<K, V> config;
    private final EntryStore<K, V> store;
    private final ListenerRegistry<K, V> listeners;
    private final DynamoStatistics statistics = new DynamoStatistics();
    private final ManagementBeans beans;
    private final ExpiryDeadlines expiry;
    private final ReadWriteThrough<K, V> through;
    private final EntryTypes<K, V> types;
    private final CacheParts<K, V> parts;
    private final KeyOperations<K, V> keyOperations;
    private final ConditionalWrites<K, V> conditionalWrites;
    private final BulkOperations<K, V> bulkOperations;
    private final EntryProcessing<K, V> entryProcessing;
    private volatile boolean closed;

    DynamoJCache(DynamoCacheManager manager, String name, DynamoConfiguration<K, V> config, EntryStore<K, V> store, Executor background) {
        this.manager = manager;
        this.name = name;
        this.config = config;
        this.store = store;
        this.listeners = new ListenerRegistry<>(name);
        this.beans = new ManagementBeans(config, statistics, manager.getURI().toString(), name);
        this.expiry = new ExpiryDeadlines(config.getExpiryPolicyFactory() == null ? new EternalExpiryPolicy()
                : config.getExpiryPolicyFactory().create());
        this.through = new ReadWriteThrough<>(name, config);
        this.types = new EntryTypes<>(config, name);
        EntryReader<K, V> reader = new EntryReader<>(store, expiry);
        this.parts = new CacheParts<>(this, store, reader, new EntryWriter<>(store, reader, expiry, listeners),
                new CompareAndSetLoop<>(reader, name), through, listeners, new StatisticsRecorder(config, statistics));
        this.keyOperations = new KeyOperations<>(parts);
        this.conditionalWrites = new ConditionalWrites<>(parts);
        this.bulkOperations = new BulkOperations<>(parts, background);
        this.entryProcessing = new EntryProcessing<>(parts);
        for (CacheEntryListenerConfiguration<K, V> l : config.getCacheEntryListenerConfigurations()) {
            listeners.register(l);
        }
        if (config.isManagementEnabled()) {
            setManagement(true);
        }
        if (config.isStatisticsEnabled()) {
            setStatistics(true);
        }
    }

    // ---- reads ------------------------------------------------------------------------------

    @Override
    public V get(K key) {
        ensureOpen();
        types.checkKey(key);
        return keyOperations.get(key);
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        ensureOpen();
        types.checkKeys(keys);
        return bulkOperations.getAll(keys);
    }

    @Override
    public boolean containsKey(K key) {
        ensureOpen();
        types.checkKey(key);
        return keyOperations.containsKey(key);
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        ensureOpen();
        types.checkKeys(keys);
        bulkOperations.loadAll(keys, replaceExistingValues, completionListener, this::containsKey);
    }

    // ---- writes -----------------------------------------------------------------------------

    @Override
    public void put(K key, V value) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(value);
        keyOperations.put(key, value);
    }

    @Override
    public V getAndPut(K key, V value) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(value);
        return keyOperations.getAndPut(key, value);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        ensureOpen();
        Objects.requireNonNull(map, "map");
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            types.checkKey(e.getKey());
            types.checkValue(e.getValue());
        }
        bulkOperations.putAll(map);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(value);
        return conditionalWrites.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(K key) {
        ensureOpen();
        types.checkKey(key);
        return keyOperations.remove(key);
    }

    @Override
    public boolean remove(K key, V oldValue) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(oldValue);
        return conditionalWrites.remove(key, oldValue);
    }

    @Override
    public V getAndRemove(K key) {
        ensureOpen();
        types.checkKey(key);
        return conditionalWrites.getAndRemove(key);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(oldValue);
        types.checkValue(newValue);
        return conditionalWrites.replace(key, oldValue, newValue, "replace(key, old, new)") != null;
    }

    @Override
    public boolean replace(K key, V value) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(value);
        return conditionalWrites.replace(key, null, value, "replace(key, value)") != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(value);
        return conditionalWrites.replace(key, null, value, "getAndReplace");
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        ensureOpen();
        types.checkKeys(keys);
        bulkOperations.removeAll(keys);
    }

    @Override
    public void removeAll() {
        ensureOpen();
        bulkOperations.removeAll();
    }

    /** Empties the cache on the cluster without the writer, listeners or statistics (JSR-107 {@code clear}). */
    @Override
    public void clear() {
        ensureOpen();
        clearStore();
    }

    void clearStore() {
        bulkOperations.clear();
    }

    // ---- entry processors -------------------------------------------------------------------

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        ensureOpen();
        types.checkKey(key);
        Objects.requireNonNull(processor, "entry processor");
        return entryProcessing.invoke(key, processor, arguments);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
        ensureOpen();
        types.checkKeys(keys);
        Objects.requireNonNull(processor, "entry processor");
        return EntryProcessing.invokeAll(keys, key -> invoke(key, processor, arguments));
    }

    // ---- the extended API (paper §4.1) ------------------------------------------------------

    @Override
    public Versioned<V> getVersions(K key) {
        ensureOpen();
        types.checkKey(key);
        byte[] k = store.key(key);
        return store.versions(store.read(k), store.now());
    }

    @Override
    public Context put(K key, Context context, V value) {
        ensureOpen();
        types.checkKey(key);
        types.checkValue(value);
        Objects.requireNonNull(context, "context");
        return store.write(store.key(key), context, store.stored(value, StoredValue.ETERNAL));
    }

    @Override
    public ConflictPolicy conflictPolicy() {
        return store.spec().policy();
    }

    // ---- listeners, configuration, lifecycle ------------------------------------------------

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        ensureOpen();
        Objects.requireNonNull(listenerConfiguration, "listener configuration");
        for (CacheEntryListenerConfiguration<K, V> existing : config.getCacheEntryListenerConfigurations()) {
            if (existing.equals(listenerConfiguration)) {
                throw new IllegalArgumentException("this listener configuration is already registered with cache '" + name + "'");
            }
        }
        config.addCacheEntryListenerConfiguration(listenerConfiguration);
        try {
            listeners.register(listenerConfiguration);
        } catch (RuntimeException e) {
            config.removeCacheEntryListenerConfiguration(listenerConfiguration);
            throw e;
        }
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        ensureOpen();
        Objects.requireNonNull(listenerConfiguration, "listener configuration");
        config.removeCacheEntryListenerConfiguration(listenerConfiguration);
        listeners.deregister(listenerConfiguration);
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
        if (clazz.isInstance(config)) {
            return clazz.cast(config);
        }
        throw new IllegalArgumentException("the configuration of cache '" + name + "' is not a " + clazz.getName());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closeQuietly()) {
            manager.forget(name, this);
        }
    }

    /** Closes without telling the manager (it is closing us); whether this call closed it. */
    boolean closeQuietly() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        beans.unregister();
        listeners.close();
        through.close();
        expiry.close();
        return true;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("cache '" + name + "' cannot be unwrapped to " + clazz.getName()
                + "; it offers " + DynamoCache.class.getName() + " and " + DynamoJCache.class.getName());
    }

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        ensureOpen();
        return new EntryIterator<>(this, parts, store.keys());
    }

    void setStatistics(boolean enabled) {
        beans.setStatistics(enabled);
    }

    void setManagement(boolean enabled) {
        beans.setManagement(enabled);
    }

    DynamoStatistics statistics() {
        return statistics;
    }

    /** Every operation, the iterator's too, refuses to run on a closed cache, as the spec's {@code close} says. */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    static <K, V> DynamoConfiguration<K, V> copyOf(Configuration<K, V> given) {
        if (given instanceof CompleteConfiguration<K, V> complete) {
            return new DynamoConfiguration<>(complete);
        }
        DynamoConfiguration<K, V> c = new DynamoConfiguration<>();
        c.setTypes(given.getKeyType(), given.getValueType());
        c.setStoreByValue(given.isStoreByValue());
        return c;
    }
}
