package io.dynamo.cart;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.jcache.DynamoCacheManager;
import io.dynamo.jcache.DynamoConfiguration;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;

/** Opens a cart cache: String cart ids to {@link ShoppingCart}s, merged by {@link CartMerge}. */
final class CartCaches {
    private CartCaches() {
    }

    static DynamoCache<String, ShoppingCart> open(CacheManager manager, String cacheName) {
        if (!(manager instanceof DynamoCacheManager)) {
            throw new IllegalArgumentException("a CartStore needs a Dynamo cache manager (io.dynamo.jcache), got "
                    + manager.getClass().getName());
        }
        Cache<String, ShoppingCart> cache = manager.getCache(cacheName, String.class, ShoppingCart.class);
        if (cache == null) {
            try {
                cache = manager.createCache(cacheName, configuration());
            } catch (CacheException raced) { // another thread created it between our two calls
                cache = manager.getCache(cacheName, String.class, ShoppingCart.class);
                if (cache == null) {
                    throw raced;
                }
            }
        }
        checkMergesCarts(cache);
        @SuppressWarnings("unchecked")
        DynamoCache<String, ShoppingCart> versions = cache.unwrap(DynamoCache.class);
        return versions;
    }

    private static DynamoConfiguration<String, ShoppingCart> configuration() {
        DynamoConfiguration<String, ShoppingCart> config = new DynamoConfiguration<>();
        config.setTypes(String.class, ShoppingCart.class);
        return config.setConflictResolver(new CartMerge());
    }

    /** A cache made elsewhere with another policy would overwrite or keep concurrent carts unmerged. */
    private static void checkMergesCarts(Cache<String, ShoppingCart> cache) {
        @SuppressWarnings("unchecked")
        DynamoConfiguration<String, ShoppingCart> config = cache.getConfiguration(DynamoConfiguration.class);
        if (config.getConflictResolver().filter(CartMerge.class::isInstance).isEmpty()) {
            throw new IllegalArgumentException("cache '" + cache.getName() + "' already exists with the "
                    + config.getConflictPolicy().map(Object::toString).orElse("default") + " policy, not the cart merge;"
                    + " create cart caches through CartStore.create");
        }
    }
}
