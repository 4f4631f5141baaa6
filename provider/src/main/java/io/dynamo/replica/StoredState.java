package io.dynamo.replica;

import io.dynamo.version.DvvSet;
import java.util.Objects;

/**
 * A key's state as this replica stored it, with its encoding: the bytes written to the engine are
 * the bytes sent to the other replicas, so a coordinated write encodes its state once.
 */
public record StoredState(DvvSet state, byte[] encoded) {
    public StoredState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(encoded, "encoded");
    }
}
