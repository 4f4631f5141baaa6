package io.dynamo.cart;

import java.util.Objects;

/** The checks every cart operation makes on its input before it changes or writes anything. */
final class CartArguments {
    private CartArguments() {
    }

    static String cartId(String cartId) {
        return nonBlank(cartId, "cart id");
    }

    static String sku(String sku) {
        return nonBlank(sku, "sku");
    }

    static int added(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("the quantity added must be at least 1, got " + quantity);
        }
        return quantity;
    }

    static int set(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("a quantity cannot be negative, got " + quantity + " (0 removes the line)");
        }
        return quantity;
    }

    private static String nonBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
        return value;
    }
}
