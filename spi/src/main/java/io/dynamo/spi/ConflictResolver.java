package io.dynamo.spi;

import java.util.List;

/**
 * Merges concurrent versions of one value (siblings) into one, for caches under the {@code merge}
 * policy. Must be deterministic, commutative and associative so that every reader that sees the
 * same siblings writes back the same merge (CRDT style: the shopping cart is an OR-set).
 */
@FunctionalInterface
public interface ConflictResolver<V> {
    /** @param siblings two or more concurrent values, in no particular order */
    V resolve(List<V> siblings);
}
