package io.dynamo.coordinator;

import io.dynamo.protocol.Message;
import io.dynamo.ring.Member;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a request to another node and yields its response message. A response that is an
 * {@code ErrorResult} completes the future exceptionally with a {@code DynamoException}.
 */
@FunctionalInterface
public interface Peers {
    CompletableFuture<Message> call(Member peer, Message request, Duration timeout);
}
