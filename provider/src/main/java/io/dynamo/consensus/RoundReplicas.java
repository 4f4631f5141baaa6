package io.dynamo.consensus;

import io.dynamo.protocol.Message;
import java.util.concurrent.CompletableFuture;

/** The key's N replicas (the preference list's primaries, never fallbacks) as a round's leader reaches them. */
public interface RoundReplicas {
    int size();

    /** The replica's name, for errors. */
    String name(int index);

    /** Sends one phase's request to replica {@code index}; a failed future when it cannot be reached in time. */
    CompletableFuture<Message> send(int index, ConsensusMessage request);
}
