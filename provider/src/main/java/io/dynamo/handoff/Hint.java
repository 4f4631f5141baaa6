package io.dynamo.handoff;

import io.dynamo.ring.NodeId;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;

/**
 * A key's state held for {@code owner}, a primary replica that was down when it was written
 * (paper §4.6). {@code storedKey} is the engine key (cache and key); {@code encoded} is the hint
 * as stored, what a delivery compares against before it deletes.
 */
public record Hint(NodeId owner, int partition, byte[] storedKey, ConflictPolicy policy, DvvSet state, byte[] encoded) {
}
