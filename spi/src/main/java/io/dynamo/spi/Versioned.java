package io.dynamo.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a read returns (paper §4.1: {@code get(key) -> (values, context)}): every concurrent
 * version still live, and the context that covers all of them. No values means not found.
 */
public record Versioned<V>(List<V> values, Context context) {
    public Versioned {
        values = List.copyOf(values);
        Objects.requireNonNull(context, "context");
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean hasSiblings() {
        return values.size() > 1;
    }
}
