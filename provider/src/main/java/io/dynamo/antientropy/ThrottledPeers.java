package io.dynamo.antientropy;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.PeerClient;
import io.dynamo.ring.Member;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link PeerClient} decorator that paces repair traffic to the node's repair rate, both
 * directions, so anti-entropy never starves client requests (paper §4.7 runs it in the
 * background). A request's bytes are taken before it is sent, on the caller's thread, which may
 * sleep (the anti-entropy threads); an answer's bytes are charged when it arrives, on the
 * network thread, which must not: the debt delays the next request instead.
 */
final class ThrottledPeers implements PeerClient {
    private final PeerClient delegate;
    private final Bandwidth bandwidth;

    ThrottledPeers(PeerClient delegate, Bandwidth bandwidth) {
        this.delegate = delegate;
        this.bandwidth = bandwidth;
    }

    @Override
    public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        bandwidth.acquire(MessageCodec.encodedSize(request));
        return delegate.call(peer, request, timeout).thenApply(this::charge);
    }

    @Override
    public CompletableFuture<Message> call(InetSocketAddress address, Message request, Duration timeout) {
        bandwidth.acquire(MessageCodec.encodedSize(request));
        return delegate.call(address, request, timeout).thenApply(this::charge);
    }

    private Message charge(Message answer) {
        bandwidth.charge(MessageCodec.encodedSize(answer));
        return answer;
    }
}
