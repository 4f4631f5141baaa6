package io.dynamo.ring;

import java.net.InetSocketAddress;

/** A physical node of the ring and where it listens. {@code zone} is "" when zones are not used. */
public record Member(NodeId id, String host, int port, String zone) {
    /** Parses {@code ID@HOST:PORT} (optionally {@code ID@HOST:PORT/ZONE}); clear RingException when malformed. */
    public static Member parse(String spec) {
        throw new UnsupportedOperationException("TODO");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }
}
