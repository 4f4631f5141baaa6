package io.dynamo.antientropy;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.ring.Member;
import io.dynamo.transport.Frame;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking request/response to peers for the exchange thread: paced by the bandwidth limit, metered in bytes. */
final class PeerCalls {
    private final PeerLink link;
    private final Bandwidth bandwidth;
    private final Duration timeout;

    PeerCalls(PeerLink link, Bandwidth bandwidth, Duration timeout) {
        this.link = link;
        this.bandwidth = bandwidth;
        this.timeout = timeout;
    }

    @SuppressWarnings("unchecked")
    <T extends Message> T call(Member peer, Message request, Class<T> expected, ExchangeStats stats) {
        byte[] payload = MessageCodec.encode(request);
        bandwidth.acquire(payload.length);
        stats.bytesSent.addAndGet(payload.length);
        Frame frame;
        try {
            frame = link.request(peer, request.type(), payload, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ExchangeFailedException(peer.id() + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        } catch (TimeoutException e) {
            throw new ExchangeFailedException(peer.id() + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeFailedException("interrupted", e);
        }
        bandwidth.acquire(frame.payload().length);
        stats.bytesReceived.addAndGet(frame.payload().length);
        Message m;
        try {
            m = MessageCodec.decodeResponse(frame.type(), frame.payload());
        } catch (DynamoException e) {
            throw new ExchangeFailedException(peer.id() + ": " + e.getMessage(), e);
        }
        if (!expected.isInstance(m)) {
            throw new DynamoException(ErrorCode.INTERNAL, peer.id() + " answered " + m.getClass().getSimpleName() + " to " + request.getClass().getSimpleName());
        }
        return (T) m;
    }
}
