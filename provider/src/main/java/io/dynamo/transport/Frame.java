package io.dynamo.transport;

/**
 * One message on the wire: a message type (the protocol layer's), the request id that pairs a
 * response with its request, and an opaque payload.
 */
public record Frame(int type, long requestId, byte[] payload) {
}
