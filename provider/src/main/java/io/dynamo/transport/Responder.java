package io.dynamo.transport;

import io.dynamo.security.PeerIdentity;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Sends the one response to a request; callable from any thread, once. */
@FunctionalInterface
public interface Responder {
    /**
     * Sends the response. {@code type} must be a protocol type (at least {@link Frame#FIRST_PROTOCOL_TYPE})
     * and the payload no larger than the configured frame limit.
     *
     * @throws IllegalStateException when this request was already answered
     */
    void reply(int type, byte[] payload);

    /**
     * The address the request came from. Nodes connect from their own listen address (DESIGN.md
     * decision 10), so for a request from a node the host part names that node.
     */
    /** The largest payload {@link #reply} accepts: the frame limit of the connection. */
    default int maxPayloadBytes() {
        return Integer.MAX_VALUE;
    }

    default Optional<InetSocketAddress> remoteAddress() {
        return Optional.empty();
    }

    /** Who sent the request, by its TLS certificate; empty on a plain-text transport. */
    default Optional<PeerIdentity> peerIdentity() {
        return Optional.empty();
    }
}
