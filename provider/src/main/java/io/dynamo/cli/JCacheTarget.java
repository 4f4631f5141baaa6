package io.dynamo.cli;

import io.dynamo.cli.bench.BenchTarget;
import io.dynamo.coordinator.CacheSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * The bench's load through {@code javax.cache}, as an unchanged application would use the store:
 * the provider found by ServiceLoader, a {@code dynamo://} URI of the seeds (or the {@code zk://} URI given), a plain cache.
 */
final class JCacheTarget implements BenchTarget, AutoCloseable {
    private final CachingProvider provider;
    private final CacheManager manager;
    private final Cache<String, byte[]> cache;
    private final boolean conditional;

    private JCacheTarget(CachingProvider provider, CacheManager manager, Cache<String, byte[]> cache, boolean conditional) {
        this.provider = provider;
        this.manager = manager;
        this.cache = cache;
        this.conditional = conditional;
    }

    /** @param conditional writes are {@code replace} (or {@code putIfAbsent} on a missing key) instead of {@code put} */
    static JCacheTarget open(ClientOptions options, CacheSpec spec, boolean conditional) {
        CachingProvider provider = Caching.getCachingProvider("io.dynamo.jcache.DynamoCachingProvider");
        Properties settings = new Properties();
        settings.setProperty("dynamo.replicas", Integer.toString(spec.n()));
        settings.setProperty("dynamo.read-quorum", Integer.toString(spec.r()));
        settings.setProperty("dynamo.write-quorum", Integer.toString(spec.w()));
        settings.setProperty("dynamo.timeout", spec.timeout().toMillis() + "ms");
        options.tls.files().ifPresent(tls -> {
            settings.setProperty("dynamo.tls-cert", tls.cert().toString());
            settings.setProperty("dynamo.tls-key", tls.key().toString());
            settings.setProperty("dynamo.tls-ca", tls.ca().toString());
        });
        CacheManager manager = provider.getCacheManager(URI.create(options.cacheManagerUri()), provider.getDefaultClassLoader(), settings);
        Cache<String, byte[]> cache = manager.getCache(spec.name(), String.class, byte[].class);
        if (cache == null) {
            cache = manager.createCache(spec.name(), new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
        }
        return new JCacheTarget(provider, manager, cache, conditional);
    }

    @Override
    public boolean get(byte[] key) {
        return cache.get(new String(key, StandardCharsets.UTF_8)) != null;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        String k = new String(key, StandardCharsets.UTF_8);
        if (!conditional) {
            cache.put(k, value);
        } else if (!cache.replace(k, value)) {
            cache.putIfAbsent(k, value);
        }
    }

    @Override
    public void close() {
        manager.close();
        provider.close();
    }
}
