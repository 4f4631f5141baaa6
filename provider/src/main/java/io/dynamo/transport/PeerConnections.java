package io.dynamo.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The connections to one peer: {@code connectionsPerPeer} for requests (one by default, so that
 * the requests of one event-loop iteration go out in one batch, one write, instead of being split
 * over several connections), used round-robin, and one more lane for bulk requests (frames of
 * {@value #BULK_BYTES} bytes or more: streams, pushes of entries), so that a heartbeat or a
 * replica write never waits behind megabytes of a partition stream on the same socket. Slots are
 * filled lazily; a closed connection is replaced on the next request that lands on its slot. After a connect or
 * handshake failure, requests fail at once for the reconnect backoff instead of dialling a peer
 * that is known to be down on every request.
 */
final class PeerConnections {
    /** Requests of at least this many bytes go on the bulk lane. */
    static final int BULK_BYTES = 64 * 1024;

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
        this.slots = new AtomicReferenceArray<>(side.config().connectionsPerPeer() + 1);
    }

    InetSocketAddress peer() {
        return peer;
    }

    /**
     * A connection to send one request of {@code payloadBytes} on.
     *
     * @throws TransportException while the peer is in its reconnect backoff
     */
    ClientConnection acquire(int payloadBytes) {
        int lanes = slots.length() - 1;
        int slot = payloadBytes >= BULK_BYTES ? lanes : lanes == 1 ? 0 : (cursor.getAndIncrement() & Integer.MAX_VALUE) % lanes;
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
