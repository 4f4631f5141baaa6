package io.dynamo.session;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.jcache.DynamoCacheManager;
import io.dynamo.jcache.DynamoConfiguration;
import io.dynamo.spi.ConflictResolver;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;

/**
 * Opens the two caches of a session store under the merge policy: sessions (id to
 * {@link SessionState}) and the principal index (name to {@link PrincipalSessions}), named
 * {@code <cache>} and {@code <cache>-principals}.
 */
final class SessionCaches {
    private SessionCaches() {
    }

    static <V> Cache<String, V> open(CacheManager manager, String name, Class<V> type, ConflictResolver<V> merge) {
        if (!(manager instanceof DynamoCacheManager)) {
            throw new IllegalArgumentException("a Dynamo session store needs a Dynamo cache manager (io.dynamo.jcache), got "
                    + manager.getClass().getName());
        }
        Cache<String, V> cache = manager.getCache(name, String.class, type);
        if (cache == null) {
            try {
                DynamoConfiguration<String, V> config = new DynamoConfiguration<>();
                config.setTypes(String.class, type);
                cache = manager.createCache(name, config.setConflictResolver(merge));
            } catch (CacheException raced) { // another thread created it between our two calls
                cache = manager.getCache(name, String.class, type);
                if (cache == null) {
                    throw raced;
                }
            }
        }
        checkMerges(cache, merge.getClass());
        return cache;
    }

    @SuppressWarnings("unchecked")
    static <V> DynamoCache<String, V> versions(Cache<String, V> cache) {
        return cache.unwrap(DynamoCache.class);
    }

    /** A cache made elsewhere with another policy would let concurrent requests overwrite each other. */
    private static void checkMerges(Cache<String, ?> cache, Class<?> resolver) {
        DynamoConfiguration<?, ?> config = cache.getConfiguration(DynamoConfiguration.class);
        if (config.getConflictResolver().filter(resolver::isInstance).isEmpty()) {
            throw new IllegalArgumentException("cache '" + cache.getName() + "' already exists without the session"
                    + " merge (policy " + config.getConflictPolicy().map(Object::toString).orElse("default")
                    + "); give dynamo.session.cache a name of its own");
        }
    }
}
