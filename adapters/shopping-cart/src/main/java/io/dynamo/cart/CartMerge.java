package io.dynamo.cart;

import io.dynamo.spi.ConflictResolver;
import java.util.List;

/**
 * The cart cache's conflict resolver: concurrent versions of a cart (siblings written with the
 * same or overlapping contexts, paper §4.4) are merged as CRDT states. The merge is a join, so
 * every reader of the same siblings writes back the same cart.
 */
final class CartMerge implements ConflictResolver<ShoppingCart> {
    @Override
    public ShoppingCart resolve(List<ShoppingCart> siblings) {
        ShoppingCart merged = ShoppingCart.empty();
        for (ShoppingCart s : siblings) {
            merged = merged.merge(s);
        }
        return merged;
    }
}
