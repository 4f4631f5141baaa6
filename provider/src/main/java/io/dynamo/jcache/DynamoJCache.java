package io.dynamo.jcache;

import io.dynamo.jcache.EntryStore.Cas;
import io.dynamo.jcache.EntryStore.Found;
import io.dynamo.protocol.ConflictPolicy;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} over the cluster. Values are stored by value (codec bytes inside a
 * {@link StoredValue} envelope carrying the expiry time). Plain writes go straight to the key's
 * preference list; conditional operations ({@code putIfAbsent}, {@code replace}, {@code remove(k, v)},
 * {@code invoke}) read the key, check the condition here with {@code equals}, and write by
 * compare-and-set on the version the read returned (DESIGN decision 11), retrying when another
 * writer got there first. Bulk operations send every key's request at once, pipelined over the
 * client's connections to each node.
 */
public final class DynamoJCache<K, V> implements Cache<K, V>, DynamoCache<K, V> {
    /** Compare-and-set attempts before a conditional operation gives up under contention. */
    static final int MAX_ATTEMPTS = 32;

    private final DynamoCacheManager manager;
    private final String name;
    private final DynamoConfiguration<K, V> config;
    private final EntryStore<K, V> store;
    private final ListenerRegistry<K, V> listeners;
    private final DynamoStatistics statistics = new DynamoStatistics();
    private final DynamoCacheMXBean mxBean;
    private final ExpiryDeadlines expiry;
    private final ReadWriteThrough<K, V> through;
    private final Executor background;
    private final CacheParts<K, V> parts;
    private final KeyOperations<K, V> keyOperations;
    private final ConditionalWrites<K, V> conditionalWrites;
    private final EntryProcessing<K, V> entryProcessing;
    private volatile boolean closed;

    DynamoJCache(DynamoCacheManager manager, String name, DynamoConfiguration<K, V> config, EntryStore<K, V> store, Executor background) {
        this.manager = manager;
        this.name = name;
        this.config = config;
        this.store = store;
        this.background = background;
        this.listeners = new ListenerRegistry<>(name);
        this.mxBean = new DynamoCacheMXBean(config);
        this.expiry = new ExpiryDeadlines(config.getExpiryPolicyFactory() == null ? new EternalExpiryPolicy()
                : config.getExpiryPolicyFactory().create());
        this.through = new ReadWriteThrough<>(name, config);
        EntryReader<K, V> reader = new EntryReader<>(store, expiry);
        this.parts = new CacheParts<>(this, store, reader, new EntryWriter<>(store, reader, expiry, listeners),
                new CompareAndSetLoop<>(reader, name), through, listeners, new StatisticsRecorder(config, statistics));
        this.keyOperations = new KeyOperations<>(parts);
        this.conditionalWrites = new ConditionalWrites<>(parts);
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
        checkKey(key);
        return keyOperations.get(key);
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        ensureOpen();
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            checkKey(key);
        }
        long start = System.nanoTime();
        Map<K, CompletableFuture<Found>> reads = readAll(keys);
        List<DynamoEntryEvent<K, V>> events = new ArrayList<>(0);
        Map<K, V> result = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        long now = now();
        for (Map.Entry<K, CompletableFuture<Found>> e : reads.entrySet()) {
            byte[] k = store.key(e.getKey());
            Current cur = current(k, e.getKey(), store.resolve(k, store.await(e.getValue())), now, events, true);
            if (cur.present()) {
                result.put(e.getKey(), cur.value());
                touch(k, cur, now);
            } else {
                missing.add(e.getKey());
            }
        }
        if (stats()) {
            statistics.hits(result.size());
            statistics.misses(missing.size());
        }
        if (through.readsThrough() && !missing.isEmpty()) {
            Map<K, V> loaded = through.loadAll(missing);
            for (K key : missing) {
                V value = loaded.get(key);
                if (value != null) {
                    byte[] k = store.key(key);
                    Current cur = current(k, key, store.read(k), now, events, true);
                    if (storeLoaded(k, key, value, cur, now(), events)) {
                        result.put(key, value);
                    }
                }
            }
        }
        listeners.dispatch(events);
        if (stats()) {
            statistics.getTime(System.nanoTime() - start);
        }
        return result;
    }

    @Override
    public boolean containsKey(K key) {
        ensureOpen();
        checkKey(key);
        return keyOperations.containsKey(key);
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        ensureOpen();
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            checkKey(key);
        }
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
                    if (replaceExistingValues || !containsKey(key)) {
                        toLoad.add(key);
                    }
                }
                Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : through.loadAll(toLoad);
                List<DynamoEntryEvent<K, V>> events = new ArrayList<>();
                for (K key : toLoad) {
                    V value = loaded.get(key);
                    if (value != null) {
                        byte[] k = store.key(key);
                        putValue(k, key, value, store.read(k), events, false);
                    }
                }
                listeners.dispatch(events);
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

    // ---- writes -----------------------------------------------------------------------------

    @Override
    public void put(K key, V value) {
        ensureOpen();
        checkKey(key);
        checkValue(value);
        keyOperations.put(key, value);
    }

    @Override
    public V getAndPut(K key, V value) {
        ensureOpen();
        checkKey(key);
        checkValue(value);
        return keyOperations.getAndPut(key, value);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        ensureOpen();
        Objects.requireNonNull(map, "map");
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            checkKey(e.getKey());
            checkValue(e.getValue());
        }
        long start = System.nanoTime();
        Map<K, V> toStore = new LinkedHashMap<>(map);
        Optional<CacheWriterException> writerFailure = through.writeAll(toStore);
        List<DynamoEntryEvent<K, V>> events = new ArrayList<>(0);
        int stored = 0;
        if (blindWrites()) {
            List<CompletableFuture<Context>> writes = new ArrayList<>(toStore.size());
            for (Map.Entry<K, V> e : toStore.entrySet()) {
                writes.add(store.writeAsync(store.key(e.getKey()), Context.empty(), store.stored(e.getValue(), StoredValue.ETERNAL)));
            }
            for (CompletableFuture<Context> w : writes) {
                store.await(w);
            }
            stored = writes.size();
        } else {
            Map<K, CompletableFuture<Found>> reads = readAll(toStore.keySet());
            for (Map.Entry<K, CompletableFuture<Found>> e : reads.entrySet()) {
                byte[] k = store.key(e.getKey());
                if (putValue(k, e.getKey(), toStore.get(e.getKey()), store.resolve(k, store.await(e.getValue())), events, true)) {
                    stored++;
                }
            }
        }
        listeners.dispatch(events);
        if (stats() && stored > 0) {
            statistics.puts(stored);
            statistics.putTime(System.nanoTime() - start);
        }
        if (writerFailure.isPresent()) {
            throw writerFailure.get();
        }
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        ensureOpen();
        checkKey(key);
        checkValue(value);
        return conditionalWrites.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(K key) {
        ensureOpen();
        checkKey(key);
        return keyOperations.remove(key);
    }

    @Override
    public boolean remove(K key, V oldValue) {
        ensureOpen();
        checkKey(key);
        checkValue(oldValue);
        return conditionalWrites.remove(key, oldValue);
    }

    @Override
    public V getAndRemove(K key) {
        ensureOpen();
        checkKey(key);
        return keyOperations.getAndRemove(key);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        ensureOpen();
        checkKey(key);
        checkValue(oldValue);
        checkValue(newValue);
        return conditionalWrites.replace(key, oldValue, newValue, "replace(key, old, new)") != null;
    }

    @Override
    public boolean replace(K key, V value) {
        ensureOpen();
        checkKey(key);
        checkValue(value);
        return conditionalWrites.replace(key, null, value, "replace(key, value)") != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        ensureOpen();
        checkKey(key);
        checkValue(value);
        return conditionalWrites.replace(key, null, value, "getAndReplace");
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        ensureOpen();
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            checkKey(key);
        }
        removeAllOf(new LinkedHashSet<>(keys));
    }

    @Override
    public void removeAll() {
        ensureOpen();
        Set<K> keys = new LinkedHashSet<>();
        for (byte[] k : store.keys()) {
            keys.add(store.decodeKey(k));
        }
        removeAllOf(keys);
    }

    private void removeAllOf(Set<K> keys) {
        long start = System.nanoTime();
        Set<K> toRemove = new LinkedHashSet<>(keys);
        Optional<CacheWriterException> writerFailure = through.deleteAll(toRemove);
        List<DynamoEntryEvent<K, V>> events = new ArrayList<>(0);
        Map<K, CompletableFuture<Found>> reads = readAll(toRemove);
        Map<K, CompletableFuture<Context>> deletes = new LinkedHashMap<>();
        Map<K, V> oldValues = new HashMap<>();
        long now = now();
        for (Map.Entry<K, CompletableFuture<Found>> e : reads.entrySet()) {
            byte[] k = store.key(e.getKey());
            Current cur = current(k, e.getKey(), store.resolve(k, store.await(e.getValue())), now, events, true);
            if (cur.present()) {
                oldValues.put(e.getKey(), oldValueForEvents(cur));
                deletes.put(e.getKey(), store.compareAndSetAsync(k, cur.context, Optional.empty()).thenApply(c -> c.state().context()));
            }
        }
        int removed = 0;
        for (Map.Entry<K, CompletableFuture<Context>> d : deletes.entrySet()) {
            store.await(d.getValue());
            events.add(DynamoEntryEvent.removed(this, d.getKey(), oldValues.get(d.getKey())));
            removed++;
        }
        listeners.dispatch(events);
        if (stats() && removed > 0) {
            statistics.removals(removed);
            statistics.removeTime(System.nanoTime() - start);
        }
        if (writerFailure.isPresent()) {
            throw writerFailure.get();
        }
    }

    /** Empties the cache on the cluster without the writer, listeners or statistics (JSR-107 {@code clear}). */
    @Override
    public void clear() {
        ensureOpen();
        clearStore();
    }

    void clearStore() {
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

    // ---- entry processors -------------------------------------------------------------------

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        ensureOpen();
        checkKey(key);
        Objects.requireNonNull(processor, "entry processor");
        return entryProcessing.invoke(key, processor, arguments);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
        ensureOpen();
        checkKeys(keys);
        Objects.requireNonNull(processor, "entry processor");
        return EntryProcessing.invokeAll(keys, key -> invoke(key, processor, arguments));
    }

    // ---- the extended API (paper §4.1) ------------------------------------------------------

    @Override
    public Versioned<V> getVersions(K key) {
        ensureOpen();
        checkKey(key);
        byte[] k = store.key(key);
        return store.versions(store.read(k), now());
    }

    @Override
    public Context put(K key, Context context, V value) {
        ensureOpen();
        checkKey(key);
        checkValue(value);
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
        Management.unregister(Management.CONFIGURATION, manager.getURI().toString(), name);
        Management.unregister(Management.STATISTICS, manager.getURI().toString(), name);
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
        return new EntryIterator(store.keys());
    }

    void setStatistics(boolean enabled) {
        config.setStatisticsEnabled(enabled);
        if (enabled) {
            Management.register(statistics, Management.STATISTICS, manager.getURI().toString(), name);
        } else {
            Management.unregister(Management.STATISTICS, manager.getURI().toString(), name);
        }
    }

    void setManagement(boolean enabled) {
        config.setManagementEnabled(enabled);
        if (enabled) {
            Management.register(mxBean, Management.CONFIGURATION, manager.getURI().toString(), name);
        } else {
            Management.unregister(Management.CONFIGURATION, manager.getURI().toString(), name);
        }
    }

    DynamoStatistics statistics() {
        return statistics;
    }

    /** Iterates over the keys live when it started, reading values in batches; remove() is {@link #remove(Object)}. */
    private final class EntryIterator implements Iterator<Cache.Entry<K, V>> {
        private static final int BATCH = 128;
        private final List<byte[]> keys;
        private int nextKey;
        private final List<Staged> buffer = new ArrayList<>();
        private int nextEntry;
        private Cache.Entry<K, V> last;

        EntryIterator(List<byte[]> keys) {
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            ensureOpen();
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
            Staged staged = buffer.get(nextEntry++);
            // Access expiry is the policy's business per entry handed out, not per entry read ahead.
            touch(staged.key, staged.current, now());
            last = staged.entry;
            if (stats()) {
                statistics.hits(1);
            }
            return last;
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException("next() has not been called, or remove() was already called for this entry");
            }
            DynamoJCache.this.remove(last.getKey());
            last = null;
        }

        private void fill() {
            buffer.clear();
            nextEntry = 0;
            int end = Math.min(keys.size(), nextKey + BATCH);
            List<CompletableFuture<Found>> reads = new ArrayList<>();
            for (int i = nextKey; i < end; i++) {
                reads.add(store.readAsync(keys.get(i)));
            }
            List<DynamoEntryEvent<K, V>> events = new ArrayList<>(0);
            long now = now();
            for (int i = nextKey; i < end; i++) {
                byte[] k = keys.get(i);
                K key = store.decodeKey(k);
                Current cur = current(k, key, store.resolve(k, store.await(reads.get(i - nextKey))), now, events, true);
                if (cur.present()) {
                    buffer.add(new Staged(k, cur, new DynamoEntry<>(key, cur.value())));
                }
            }
            nextKey = end;
            listeners.dispatch(events);
        }
    }

    /** An entry the iterator read ahead, with what touching it later needs. */
    private final class Staged {
        final byte[] key;
        final Current current;
        final Cache.Entry<K, V> entry;

        Staged(byte[] key, Current current, Cache.Entry<K, V> entry) {
            this.key = key;
            this.current = current;
            this.entry = entry;
        }
    }

    // ---- the pieces every operation shares --------------------------------------------------

    /** The key's entry as a read found it: present, or absent with the context to write it under. */
    private final class Current {
        final StoredValue stored;
        final Context context;
        /** Live concurrent versions (siblings policy); a JCache value exists only when there is one. */
        final int versions;
        final K key;
        private V value;

        Current(StoredValue stored, Context context, int versions, K key) {
            this.stored = stored;
            this.context = context;
            this.versions = versions;
            this.key = key;
        }

        boolean present() {
            return stored != null;
        }

        V value() {
            if (versions > 1) {
                throw new CacheException("key " + key + " of cache '" + name + "' has " + versions
                        + " concurrent versions (siblings policy): read them with DynamoCache.getVersions and resolve them with"
                        + " DynamoCache.put(key, context, value)");
            }
            if (value == null && stored != null) {
                value = store.value(stored);
            }
            return value;
        }
    }

    /**
     * Interprets a read: live versions, or absent. A version whose expiry time passed reads as
     * absent; when every version expired and {@code noticeExpiry}, the key is deleted from the
     * cluster (by compare-and-set, so a newer write survives) and listeners hear EXPIRED.
     * Concurrent versions (siblings policy) are present, but have no single value: writes and
     * removes supersede them all with the read's context, value reads throw.
     */
    private Current current(byte[] k, K key, Found found, long now, List<DynamoEntryEvent<K, V>> events, boolean noticeExpiry) {
        for (int attempt = 1; ; attempt++) {
            if (found.versions().isEmpty()) {
                return new Current(null, found.context(), 0, key);
            }
            List<StoredValue> live = new ArrayList<>(found.versions().size());
            for (StoredValue s : found.versions()) {
                if (!s.isExpiredAt(now)) {
                    live.add(s);
                }
            }
            if (!live.isEmpty()) {
                return new Current(live.get(0), found.context(), live.size(), key);
            }
            if (!noticeExpiry) {
                return new Current(null, found.context(), 0, key);
            }
            Cas cas = store.compareAndSet(k, found.context(), Optional.empty());
            if (cas.applied()) {
                if (!listeners.isEmpty() && found.versions().size() == 1) {
                    events.add(DynamoEntryEvent.expired(this, key, store.value(found.versions().get(0))));
                }
                return new Current(null, cas.state().context(), 0, key);
            }
            found = cas.state();
            checkAttempts(attempt, "expiry", key);
        }
    }

    /** Writes {@code value} over what {@code found} holds (create or update, with the expiry policy's deadline). */
    private boolean putValue(byte[] k, K key, V value, Found found, List<DynamoEntryEvent<K, V>> events, boolean noticeExpiry) {
        long now = now();
        return write(k, key, value, current(k, key, found, now, events, noticeExpiry), now, events);
    }

    private boolean write(byte[] k, K key, V value, Current cur, long now, List<DynamoEntryEvent<K, V>> events) {
        if (!cur.present()) {
            long expiresAt = expiry.forCreation(now);
            if (expiresAt <= now) {
                return false;
            }
            store.write(k, cur.context, store.stored(value, expiresAt));
            events.add(DynamoEntryEvent.created(this, key, value));
            return true;
        }
        long expiresAt = expiry.forUpdate(now, cur.stored.expiresAt());
        store.write(k, cur.context, store.stored(value, expiresAt));
        events.add(DynamoEntryEvent.updated(this, key, value, oldValueForEvents(cur)));
        return true;
    }

    private boolean storeLoaded(byte[] k, K key, V value, Current cur, long now, List<DynamoEntryEvent<K, V>> events) {
        long expiresAt = expiry.forCreation(now);
        if (expiresAt <= now) {
            return false;
        }
        if (store.compareAndSet(k, cur.context, Optional.of(store.stored(value, expiresAt))).applied()) {
            events.add(DynamoEntryEvent.created(this, key, value));
        }
        return true;
    }

    /** Access expiry: a read moves the deadline when the policy says so (written back by compare-and-set). */
    private void touch(byte[] k, Current cur, long now) {
        if (expiry.isEternal()) {
            return;
        }
        long expiresAt = expiry.forAccess(now, cur.stored.expiresAt());
        if (expiresAt != cur.stored.expiresAt()) {
            store.compareAndSet(k, cur.context, Optional.of(new StoredValue(expiresAt, cur.stored.payload())));
        }
    }

    private Map<K, CompletableFuture<Found>> readAll(Collection<? extends K> keys) {
        Map<K, CompletableFuture<Found>> reads = new LinkedHashMap<>();
        for (K key : keys) {
            reads.put(key, store.readAsync(store.key(key)));
        }
        return reads;
    }

    private boolean blindWrites() {
        return expiry.isEternal() && listeners.isEmpty() && store.spec().policy() == ConflictPolicy.LAST_WRITE_WINS;
    }

    /** The old value listeners hear of; none when nobody listens or when siblings had no single value. */
    private V oldValueForEvents(Current cur) {
        return listeners.isEmpty() || cur.versions > 1 ? null : cur.value();
    }

    private void checkAttempts(int attempt, String operation, K key) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new CacheException(operation + " on key " + key + " of cache '" + name + "' lost " + attempt
                    + " compare-and-set races in a row to concurrent writers; giving up");
        }
    }

    private boolean stats() {
        return config.isStatisticsEnabled();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    private void checkKeys(Set<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            checkKey(key);
        }
    }

    private void checkKey(K key) {
        if (key == null) {
            throw new NullPointerException("a cache key may not be null");
        }
        Class<K> type = config.getKeyType();
        if (type != Object.class && !type.isInstance(key)) {
            throw new ClassCastException("key " + key + " is a " + key.getClass().getName() + ", cache '" + name + "' holds " + type.getName());
        }
    }

    private void checkValue(V value) {
        if (value == null) {
            throw new NullPointerException("a cache value may not be null");
        }
        Class<V> type = config.getValueType();
        if (type != Object.class && !type.isInstance(value)) {
            throw new ClassCastException("value " + value + " is a " + value.getClass().getName() + ", cache '" + name + "' holds " + type.getName());
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
