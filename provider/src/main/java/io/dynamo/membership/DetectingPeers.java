package io.dynamo.membership;

import io.dynamo.coordinator.Peers;
import io.dynamo.protocol.Message;
import io.dynamo.ring.Member;
import io.dynamo.transport.RequestTimeoutException;
import io.dynamo.transport.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Feeds request traffic to the failure detector (paper §4.8.3: a node learns of a peer's failure
 * when the peer does not answer its messages): any answer, even an error, is a sign of life; a
 * connection that cannot be made or drops is evidence of failure. A timeout alone is not (a
 * busy peer is slow, not dead): the silence is left to phi.
 */
public final class DetectingPeers implements Peers {
    private final Peers delegate;
    private final PhiAccrualDetector detector;

    public DetectingPeers(Peers delegate, PhiAccrualDetector detector) {
        this.delegate = delegate;
        this.detector = detector;
    }

    @Override
    public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        return delegate.call(peer, request, timeout).whenComplete((answer, error) -> {
            if (error == null || !(unwrap(error) instanceof TransportException)) {
                detector.alive(peer.id());
            } else if (isRefusal(error)) {
                detector.failed(peer.id());
            }
        });
    }

    /** A transport failure other than a timeout: refused, reset, or closed. */
    static boolean isRefusal(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof TransportException && !(cause instanceof RequestTimeoutException);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
