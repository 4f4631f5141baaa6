package io.dynamo.coordinator;

import io.dynamo.ring.NodeId;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;

/**
 * Where this node keeps a key's state for a replica that could not take it (paper §4.6): the
 * hinted-handoff store. The coordinator depends on this, not on the store itself.
 */
@FunctionalInterface
public interface HintSink {
    /** Keeps {@code state} of the key ({@link StoredKey} form) for {@code owner}, merged with what is held for it already. */
    void store(NodeId owner, int partition, byte[] storedKey, ConflictPolicy policy, DvvSet state);

    /** Keeps nothing: a coordinator without hinted handoff. */
    HintSink NONE = (owner, partition, storedKey, policy, state) -> { };
}
