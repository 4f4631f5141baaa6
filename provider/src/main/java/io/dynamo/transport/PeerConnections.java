package io.dynamo.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The small pool of connections to one peer. Slots are used round-robin and filled lazily; a
 * closed connection is replaced on the next request that lands on its slot. After a connect or
 * handshake failure, requests fail at once for the reconnect backoff instead of dialling a peer
 * that is known to be down on every request.
 */
final class PeerConnections {
    private record Failure(TransportException error, long atNanos) {
    }

    private final InetSocketAddress peer;
    private final long backoffNanos;
    private final ClientSide side;
    private final AtomicReferenceArray<ClientConnection> slots;
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile Failure lastFailure;

    PeerConnections(InetSocketAddress peer, ClientSide side) {
        this.peer = peer;
        this.side = side;
        this.backoffNanos = side.config().reconnectBackoff().toNanos();
        this.slots = new AtomicReferenceArray<>(side.config().connectionsPerPeer());
    }

    InetSocketAddress peer() {
        return peer;
    }

    /**
     * A connection to send one request on.
     *
     * @throws TransportException while the peer is in its reconnect backoff
     */
    ClientConnection acquire() {
        int slot = (cursor.getAndIncrement() & Integer.MAX_VALUE) % slots.length();
        while (true) {
            ClientConnection current = slots.get(slot);
            if (current != null && !current.isClosed()) {
                return current;
            }
            Failure failure = lastFailure;
            if (failure != null) {
                long waited = System.nanoTime() - failure.atNanos();
                if (waited < backoffNanos) {
                    throw new TransportException(failure.error().getMessage() + " (not retrying for another "
                            + TimeUnit.NANOSECONDS.toMillis(backoffNanos - waited) + " ms)", failure.error());
                }
            }
            ClientConnection fresh = new ClientConnection(this, side);
            if (slots.compareAndSet(slot, current, fresh)) {
                fresh.start();
                return fresh;
            }
            // Another thread replaced the slot first; our connection was never started.
        }
    }

    void connectFailed(TransportException error) {
        lastFailure = new Failure(error, System.nanoTime());
    }

    void connectSucceeded() {
        if (lastFailure != null) {
            lastFailure = null;
        }
    }

    void shutdown(TransportException cause) {
        for (int i = 0; i < slots.length(); i++) {
            ClientConnection connection = slots.get(i);
            if (connection != null) {
                connection.shutdown(cause);
            }
        }
    }
}
