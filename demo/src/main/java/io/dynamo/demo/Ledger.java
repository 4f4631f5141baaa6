package io.dynamo.demo;

import io.dynamo.cart.CartStore;
import io.dynamo.cart.ShoppingCart;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.CacheException;

/**
 * Every add to a cart that the cluster acknowledged: cart id to the skus added, each sku added
 * once in the whole run, so a read of the cart shows whether that write survived. The paper's
 * promise (§4.4, "add to cart" is never lost) is that {@link #lost} is 0 once the cluster has
 * healed. An add whose call failed is not here: it may or may not have landed.
 */
final class Ledger {
    private static final int READ_ATTEMPTS = 5;

    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final LongAdder count = new LongAdder();

    void acknowledged(String cart, String sku) {
        acknowledged.computeIfAbsent(cart, c -> ConcurrentHashMap.newKeySet()).add(sku);
        count.increment();
    }

    long size() {
        return count.sum();
    }

    /** Reads every cart back through {@code store} and counts the acknowledged adds it lacks. */
    long lost(CartStore store) {
        long lost = 0;
        for (Map.Entry<String, Set<String>> e : acknowledged.entrySet()) {
            ShoppingCart cart = read(store, e.getKey());
            for (String sku : e.getValue()) {
                if (cart.quantity(sku) == 0) {
                    lost++;
                }
            }
        }
        return lost;
    }

    /** A cart read, retried a few times: a read that fails is no lost write, but a cart not read is all lost. */
    private static ShoppingCart read(CartStore store, String cart) {
        CacheException last = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            try {
                return store.view(cart);
            } catch (CacheException e) {
                last = e;
            }
        }
        throw last;
    }
}
