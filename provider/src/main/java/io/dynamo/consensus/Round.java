package io.dynamo.consensus;

import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * One conditional write to lead: the key, its cache's policy, the client's request id, how long
 * new attempts may start after the first, and {@code change}, which gives the key's next state
 * from the state a majority read (or nothing, when the condition does not hold).
 */
public record Round(String cache, int partition, byte[] key, ConflictPolicy policy, byte[] requestId, Duration deadline,
        Function<DvvSet, Optional<DvvSet>> change) {
    public Round {
        key = key.clone();
        requestId = requestId.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] requestId() {
        return requestId.clone();
    }
}
