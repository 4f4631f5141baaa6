package io.dynamo.transport;

import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A request on its way: queued for a connection, waiting for its handshake, or in flight. Also
 * the task that fires at its deadline. Every field but the future is touched on the connection's
 * event loop only (after the hand-over through the {@link Inbox}).
 */
final class PendingRequest implements Runnable {
    final CompletableFuture<Frame> future = new CompletableFuture<>();
    final InetSocketAddress peer;
    final int type;
    final long deadlineNanos;
    final long timeoutMillis;
    byte[] payload;
    ClientConnection connection;
    /** 0 until written; ids start at 1. */
    long requestId;
    ScheduledFuture<?> timer;

    PendingRequest(InetSocketAddress peer, int type, byte[] payload, long timeoutNanos) {
        this.peer = peer;
        this.type = type;
        this.payload = payload;
        this.timeoutMillis = timeoutNanos / 1_000_000;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    /** Fires at the deadline. */
    @Override
    public void run() {
        connection.timedOut(this);
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    RequestTimeoutException timeout() {
        return new RequestTimeoutException("no response from peer " + peer + " to a request of type " + type
                + " within " + timeoutMillis + " ms");
    }
}
