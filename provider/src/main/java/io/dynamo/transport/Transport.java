package io.dynamo.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Netty transport of one process: one event loop group shared by its server and its client side,
 * so that a node answers and forwards on the same threads without a hop.
 */
public final class Transport implements AutoCloseable {
    /** A transport whose outgoing connections leave from any local address. */
    public static Transport create(TransportConfig config) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A transport whose outgoing connections are bound to {@code outgoingFrom} (a node's listen address). */
    public static Transport create(TransportConfig config, java.net.InetAddress outgoingFrom) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Listens on {@code bind} and hands every request frame to {@code handler}.
     *
     * @return the address actually bound (port 0 picks one)
     */
    public InetSocketAddress serve(InetSocketAddress bind, RequestHandler handler) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Sends a request over a pooled, pipelined connection to {@code peer}. The
     * future fails with {@link TransportException} when the peer cannot be reached, the handshake
     * is refused or the connection drops, and with {@link RequestTimeoutException} after
     * {@code timeout}.
     */
    public CompletableFuture<Frame> request(InetSocketAddress peer, int type, byte[] payload, Duration timeout) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
