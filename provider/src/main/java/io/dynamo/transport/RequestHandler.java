package io.dynamo.transport;

/** Serves requests arriving at a node. Called on a network thread: must not block for long. */
@FunctionalInterface
public interface RequestHandler {
    void handle(Frame request, Responder responder);
}
