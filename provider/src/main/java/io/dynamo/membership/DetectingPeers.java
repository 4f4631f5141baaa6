package io.dynamo.membership;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.ring.Member;
import io.dynamo.transport.RequestTimeoutException;
import io.dynamo.transport.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Feeds request traffic to the failure detector (paper §4.8.3: a node learns of a peer's failure
 * when the peer does not answer its messages): any answer, even an error, is a sign of life; a
 * connection that cannot be made or drops is evidence of failure. A timeout alone is not (a
 * busy peer is slow, not dead): the silence is left to phi.
 */
public final class DetectingPeers implements PeerClient {
    private final PeerClient delegate;
    private final PhiAccrualDetector detector;

    public DetectingPeers(PeerClient delegate, PhiAccrualDetector detector) {
        this.delegate = delegate;
        this.detector = detector;
    }

    /** A seed known only by address: no detector entry to feed. */
    @Override
    public CompletableFuture<Message> call(InetSocketAddress address, Message request, Duration timeout) {
        return delegate.call(address, request, timeout);
    }

    @Override
    public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        return delegate.call(peer, request, timeout).whenComplete((answer, error) -> {
            if (error == null || !(PeerClient.unwrap(error) instanceof TransportException)) {
                detector.alive(peer.id());
            } else if (isRefusal(error)) {
                detector.failed(peer.id());
            }
        });
    }

    /** A transport failure other than a timeout: refused, reset, or closed. */
    static boolean isRefusal(Throwable error) {
        Throwable cause = PeerClient.unwrap(error);
        return cause instanceof TransportException && !(cause instanceof RequestTimeoutException);
    }
}
