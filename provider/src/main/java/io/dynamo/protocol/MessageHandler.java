package io.dynamo.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * Serves the requests of one message family at a node (DESIGN decision 13): the concept package
 * that declares the family also answers it. The node's routing table sends each request type to
 * the handler of its family; a handler never sees another family's messages.
 */
public interface MessageHandler {
    MessageFamily family();

    /**
     * Answers {@code request}, a message of {@link #family()}. Called on a network thread: work that
     * blocks goes elsewhere and completes the future later. A reply type sent as a request, or any
     * other misuse, fails with {@link MalformedMessageException}.
     */
    CompletableFuture<Message> handle(Message request, Caller caller);

    /** The future for an answer known at once. */
    static CompletableFuture<Message> answer(Message reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** The failure for a message of the family that is not a request this handler serves. */
    static MalformedMessageException notARequest(Message m) {
        return new MalformedMessageException("message type " + m.type() + " (" + m.getClass().getSimpleName() + ") is not a request");
    }
}
