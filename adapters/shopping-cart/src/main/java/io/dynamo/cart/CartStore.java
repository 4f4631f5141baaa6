package io.dynamo.cart;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import java.util.Objects;
import java.util.function.Function;
import javax.cache.CacheException;
import javax.cache.CacheManager;

/**
 * Shopping carts kept in a Dynamo cache under the merge policy: the paper's "add to cart" that is
 * never lost (§4.4). Each update reads the cart (the cache merges siblings on read and writes the
 * merge back, superseding exactly what it read), applies the edit as this store's actor, and
 * writes the new state with the read's context, superseding exactly the versions it merged:
 * writers that raced leave siblings, which the next read merges as carts. Every call returns once
 * the write quorum acknowledged and throws {@link CacheException} otherwise; bad input is
 * refused before anything is read or written. Thread-safe; one store per application is enough.
 *
 * <p>The read's context is safe to pass: the provider answers a put (the read's write-back
 * included) with the context of what its writer saw plus the new write, never the coordinator's
 * whole state, so it cannot cover a concurrent sibling that was not merged.
 */
public final class CartStore {
    /** Carts whose last dot the store remembers (README "Shopping cart": forgetting costs a version-vector entry). */
    private static final int REMEMBERED_CARTS = 100_000;

    private final DynamoCache<String, ShoppingCart> carts;
    private final DotIssuer dots;

    private CartStore(DynamoCache<String, ShoppingCart> carts) {
        this.carts = carts;
        this.dots = new DotIssuer(REMEMBERED_CARTS);
    }

    /** Opens the cart cache {@code cacheName} of {@code manager} (a Dynamo cache manager), creating it with the cart's merge policy. */
    public static CartStore create(CacheManager manager, String cacheName) {
        Objects.requireNonNull(manager, "cache manager");
        Objects.requireNonNull(cacheName, "cache name");
        if (cacheName.isBlank()) {
            throw new IllegalArgumentException("the cache name must not be blank");
        }
        return new CartStore(CartCaches.open(manager, cacheName));
    }

    /** Adds {@code quantity} (at least 1) of {@code sku}; concurrent adds of one sku sum. */
    public ShoppingCart add(String cartId, String sku, int quantity) {
        String id = CartArguments.cartId(cartId);
        String s = CartArguments.sku(sku);
        int q = CartArguments.added(quantity);
        return updateWithDot(id, (cart, dot) -> cart.add(dot, s, q));
    }

    /** Removes the line of {@code sku} as this client has seen it; an add it had not seen survives. */
    public ShoppingCart remove(String cartId, String sku) {
        String id = CartArguments.cartId(cartId);
        String s = CartArguments.sku(sku);
        return update(id, cart -> cart.remove(s));
    }

    /** Sets the quantity of {@code sku} (0 removes the line); concurrent setQuantity calls of one line sum. */
    public ShoppingCart setQuantity(String cartId, String sku, int quantity) {
        String id = CartArguments.cartId(cartId);
        String s = CartArguments.sku(sku);
        int q = CartArguments.set(quantity);
        return updateWithDot(id, (cart, dot) -> cart.setQuantity(dot, s, q));
    }

    /** The cart as a read quorum has it, an empty cart when there is none. */
    public ShoppingCart view(String cartId) {
        return merged(carts.getVersions(CartArguments.cartId(cartId)));
    }

    /** Empties the cart: every line it has seen is removed, and stays removed. */
    public void clear(String cartId) {
        update(CartArguments.cartId(cartId), ShoppingCart::clear);
    }

    private ShoppingCart update(String cartId, Function<ShoppingCart, ShoppingCart> edit) {
        Versioned<ShoppingCart> read = carts.getVersions(cartId);
        return write(cartId, read.context(), edit.apply(merged(read)));
    }

    private ShoppingCart updateWithDot(String cartId, DottedEdit edit) {
        Versioned<ShoppingCart> read = carts.getVersions(cartId);
        ShoppingCart observed = merged(read);
        Dot dot = dots.next(cartId, observed);
        try {
            return write(cartId, read.context(), edit.apply(observed, dot));
        } catch (RuntimeException e) {
            dots.failed(cartId, dot);
            throw e;
        }
    }

    private ShoppingCart write(String cartId, Context read, ShoppingCart next) {
        carts.put(cartId, read, next);
        return next;
    }

    /** The cache merges siblings on read; merging here too keeps a cart whole if one slips through. */
    private static ShoppingCart merged(Versioned<ShoppingCart> read) {
        ShoppingCart cart = ShoppingCart.empty();
        for (ShoppingCart sibling : read.values()) {
            cart = cart.merge(sibling);
        }
        return cart;
    }

    @Override
    public String toString() {
        return "CartStore[actor " + dots.storeId() + "]";
    }

    @FunctionalInterface
    private interface DottedEdit {
        ShoppingCart apply(ShoppingCart observed, Dot dot);
    }
}
