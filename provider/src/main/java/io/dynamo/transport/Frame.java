package io.dynamo.transport;

import java.util.Objects;

/**
 * One message on the wire: a message type (the protocol layer's), the request id that pairs a
 * response with its request, and an opaque payload.
 *
 * <h2>Wire format</h2>
 * Every frame is an 18-byte header followed by the payload, all big-endian:
 * <pre>
 *   offset  size  field
 *        0     1  magic, always 0xD7 (cheap rejection of stray protocols)
 *        1     1  protocol version, currently 1
 *        2     4  message type (int, never negative)
 *        6     8  request id (long): a response carries the id of its request
 *       14     4  payload length n (int, 0 &lt;= n &lt;= TransportConfig.maxFrameBytes)
 *       18     n  payload
 * </pre>
 * The length is checked before any buffer for the payload is allocated. A frame with a bad
 * magic or version, a negative type or length, or a length over the limit closes the connection
 * it came on (and only that one).
 *
 * <h2>Message types</h2>
 * Types {@code 0 .. 15} are reserved for the transport itself (handshake, its answers, and the
 * "request failed" reply sent when a handler throws); {@link Transport#request} and
 * {@link Responder#reply} refuse them. The protocol layer numbers its messages from
 * {@link #FIRST_PROTOCOL_TYPE} up; any such type is passed to the {@link RequestHandler}
 * unexamined, so an unknown type is the handler's business.
 */
public record Frame(int type, long requestId, byte[] payload) {
    /** The smallest message type the protocol layer may use; lower ones belong to the transport. */
    public static final int FIRST_PROTOCOL_TYPE = 16;

    public Frame {
        Objects.requireNonNull(payload, "payload");
    }

    /** Whether {@code type} is free for the protocol layer (not reserved by the transport). */
    public static boolean isProtocolType(int type) {
        return type >= FIRST_PROTOCOL_TYPE;
    }
}
