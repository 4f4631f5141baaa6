package io.dynamo.jcache;

import io.dynamo.coordinator.CacheSpec;
import io.dynamo.spi.ConflictResolver;
import io.dynamo.spi.ValueCodec;
import io.dynamo.version.ConflictPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * The caches of one URI and class loader. Caches are identified on the cluster by name alone, so
 * every manager (in any JVM) pointing at the same cluster sees the same data under a name; this
 * manager keeps the registry of the caches created through it, as JSR-107 asks.
 */
public final class DynamoCacheManager implements javax.cache.CacheManager {
    private final DynamoCachingProvider provider;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final DynamoSettings settings;
    private final ClusterConnection connection;
    private final ConcurrentHashMap<String, DynamoJCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final ExecutorService background;
    private volatile boolean closed;

    DynamoCacheManager(DynamoCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = properties;
        ClusterTarget target;
        DynamoSettings defaults;
        DynamoSettings given;
        // The provider's defaults (the dynamo.tls-* system properties) under the manager's own.
        Properties effective = provider.withDefaults(properties);
        try {
            target = ClusterTarget.parse(uri);
            defaults = target.embedded() ? DynamoSettings.embeddedDefaults()
                    : target.zk().map(zk -> DynamoSettings.clusterDefaults().named(zk.cluster())).orElse(DynamoSettings.clusterDefaults());
            given = DynamoSettings.resolve(defaults, effective, target.rawQuery());
            target.zk().ifPresent(zk -> checkCluster(given, zk.cluster()));
        } catch (IllegalArgumentException e) {
            throw new CacheException("cannot create a cache manager for " + uri + ": " + e.getMessage(), e);
        }
        this.connection = ClusterConnection.acquire(target, given);
        this.settings = withClusterConfig(connection, defaults, effective, target, given);
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dynamo-jcache-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The settings of a zk:// manager: ZooKeeper's config (N, R, W, timeout) replaces the defaults,
     * under what the properties and the URI give; the nodes enforce that config in any case.
     */
    private static DynamoSettings withClusterConfig(ClusterConnection connection, DynamoSettings defaults, Properties properties,
            ClusterTarget target, DynamoSettings given) {
        if (target.zk().isEmpty()) {
            return given;
        }
        try {
            return DynamoSettings.resolve(defaults.under(connection.clusterSettings()), properties, target.rawQuery());
        } catch (IllegalArgumentException e) {
            connection.release();
            throw new CacheException("the settings of " + target.zk().get().cluster() + " in ZooKeeper do not fit this cache manager's: "
                    + e.getMessage(), e);
        }
    }

    private static void checkCluster(DynamoSettings given, String named) {
        if (!given.cluster().isEmpty() && !given.cluster().equals(named)) {
            throw new IllegalArgumentException(DynamoSettings.CLUSTER + " '" + given.cluster() + "' contradicts the URI's cluster '" + named + "'");
        }
    }

    /** The settings every cache of this manager starts from. */
    public DynamoSettings settings() {
        return settings;
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cache name");
        Objects.requireNonNull(configuration, "configuration");
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("cache '" + cacheName + "' already exists in cache manager " + uri);
            }
            DynamoConfiguration<K, V> config = DynamoJCache.copyOf(configuration);
            DynamoJCache<K, V> cache = new DynamoJCache<>(this, cacheName, config, entryStore(cacheName, config), background);
            caches.put(cacheName, cache);
            return cache;
        }
    }

    private <K, V> EntryStore<K, V> entryStore(String cacheName, DynamoConfiguration<K, V> config) {
        CacheSpec defaults;
        try {
            defaults = settings.spec(cacheName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad cache name '" + cacheName + "': " + e.getMessage(), e);
        }
        int n = config.getReplicas().orElse(defaults.n());
        int r = config.getReadQuorum().orElse(Math.min(defaults.r(), n));
        int w = config.getWriteQuorum().orElse(Math.min(defaults.w(), n));
        ConflictPolicy policy = config.getConflictPolicy().orElse(defaults.policy());
        Optional<ConflictResolver<V>> resolver = config.getConflictResolver();
        if (policy == ConflictPolicy.MERGE && resolver.isEmpty()) {
            throw new IllegalArgumentException("cache '" + cacheName + "' uses the merge policy but has no ConflictResolver");
        }
        // Values start with StoredValue's expiry header: the nodes decide expiry in cluster time.
        CacheSpec spec = new CacheSpec(cacheName, n, r, w, policy, defaults.timeout()).withExpiryHeader();
        ValueCodec<K> keys = config.getKeyCodec().orElseGet(() -> new JavaSerializationCodec<>(classLoader));
        ValueCodec<V> values = config.getValueCodec().orElseGet(() -> new JavaSerializationCodec<>(classLoader));
        return new EntryStore<>(connection.client(), spec, keys, values, policy == ConflictPolicy.MERGE ? resolver : Optional.empty());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cache name");
        Objects.requireNonNull(keyType, "key type");
        Objects.requireNonNull(valueType, "value type");
        DynamoJCache<?, ?> cache = caches.get(cacheName);
        if (cache == null) {
            return null;
        }
        DynamoConfiguration<?, ?> config = cache.getConfiguration(DynamoConfiguration.class);
        if (!config.getKeyType().equals(keyType) || !config.getValueType().equals(valueType)) {
            throw new ClassCastException("cache '" + cacheName + "' holds " + config.getKeyType().getName() + " -> "
                    + config.getValueType().getName() + ", not " + keyType.getName() + " -> " + valueType.getName());
        }
        return (Cache<K, V>) cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cache name");
        return (Cache<K, V>) caches.get(cacheName);
    }

    @Override
    public Iterable<String> getCacheNames() {
        ensureOpen();
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    /** Empties the cache on the cluster and closes it here. */
    @Override
    public void destroyCache(String cacheName) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cache name");
        DynamoJCache<?, ?> cache;
        synchronized (caches) {
            cache = caches.remove(cacheName);
        }
        if (cache != null) {
            try {
                cache.clearStore();
            } finally {
                cache.closeQuietly();
            }
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cache name");
        DynamoJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setManagement(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cache name");
        DynamoJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setStatistics(enabled);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        provider.forget(this);
        for (DynamoJCache<?, ?> cache : new ArrayList<>(caches.values())) {
            cache.closeQuietly();
        }
        caches.clear();
        background.shutdown();
        connection.release();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache manager cannot be unwrapped to " + clazz.getName());
    }

    void forget(String cacheName, DynamoJCache<?, ?> cache) {
        caches.remove(cacheName, cache);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + uri + " is closed");
        }
    }
}
