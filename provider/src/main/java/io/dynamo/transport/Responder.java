package io.dynamo.transport;

/** Sends the one response to a request; callable from any thread, once. */
@FunctionalInterface
public interface Responder {
    void reply(int type, byte[] payload);
}
