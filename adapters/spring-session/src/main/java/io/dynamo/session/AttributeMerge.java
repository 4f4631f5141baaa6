package io.dynamo.session;

import io.dynamo.cart.ShoppingCart;
import java.util.Optional;

/**
 * Merges two versions of one session attribute. A version written after its request read the other
 * supersedes it; of two concurrent versions a set wins over a removal (the removal removed only what
 * it saw), and between two sets the later stamp wins, except that two {@link ShoppingCart}s are
 * joined as carts (a cart merge with an ancestor gives the descendant, so carts always join).
 */
final class AttributeMerge {
    private final AttributeCodec carts;

    AttributeMerge(AttributeCodec carts) {
        this.carts = carts;
    }

    AttributeValue merge(AttributeValue a, AttributeValue b) {
        if (a.stamp().equals(b.stamp())) {
            return a;
        }
        if (a.cart() && b.cart()) {
            Optional<AttributeValue> joined = joinCarts(a, b);
            if (joined.isPresent()) {
                return joined.get();
            }
        }
        if (a.saw(b)) {
            return a;
        }
        if (b.saw(a)) {
            return b;
        }
        if (a.removed() != b.removed()) {
            return a.removed() ? b : a;
        }
        return a.stamp().compareTo(b.stamp()) >= 0 ? a : b;
    }

    private Optional<AttributeValue> joinCarts(AttributeValue a, AttributeValue b) {
        Optional<Object> left = carts.decode(a.bytes()).value();
        Optional<Object> right = carts.decode(b.bytes()).value();
        if (left.isEmpty() || right.isEmpty()
                || !(left.get() instanceof ShoppingCart l) || !(right.get() instanceof ShoppingCart r)) {
            return Optional.empty();
        }
        return Optional.of(AttributeValue.set(Stamp.max(a.stamp(), b.stamp()), Math.max(a.seen(), b.seen()),
                carts.encode("cart", l.merge(r)), true));
    }
}
