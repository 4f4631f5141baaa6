package io.dynamo.transport;

import io.netty.buffer.ByteBuf;

/** The frame header layout and the transport's reserved message types; see {@link Frame}. */
final class WireFormat {
    static final byte MAGIC = (byte) 0xD7;
    static final byte VERSION = 1;
    static final int HEADER_BYTES = 18;
    static final int LENGTH_OFFSET = 14;

    /** Client to server, first frame of every connection: protocol version and cluster name. */
    static final int HANDSHAKE = 1;
    /** Server to client: the handshake is accepted, requests may follow. */
    static final int HANDSHAKE_ACCEPTED = 2;
    /** Server to client: the handshake is refused; the payload is the reason (UTF-8). The server then closes. */
    static final int HANDSHAKE_REFUSED = 3;
    /** Server to client, in place of a response: the handler threw; the payload is the reason (UTF-8). */
    static final int REQUEST_FAILED = 4;

    private WireFormat() {
    }

    static int encodedSize(byte[] payload) {
        return HEADER_BYTES + payload.length;
    }

    static void write(ByteBuf out, int type, long requestId, byte[] payload) {
        out.writeByte(MAGIC);
        out.writeByte(VERSION);
        out.writeInt(type);
        out.writeLong(requestId);
        out.writeInt(payload.length);
        out.writeBytes(payload);
    }

    static String typeName(int type) {
        return switch (type) {
            case HANDSHAKE -> "HANDSHAKE";
            case HANDSHAKE_ACCEPTED -> "HANDSHAKE_ACCEPTED";
            case HANDSHAKE_REFUSED -> "HANDSHAKE_REFUSED";
            case REQUEST_FAILED -> "REQUEST_FAILED";
            default -> Integer.toString(type);
        };
    }
}
