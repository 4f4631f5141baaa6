package io.dynamo.client;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.Member;
import io.dynamo.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends a request to a key's preference list in order (paper §6.4, client-driven coordination:
 * any node of the list can coordinate), suspects moved last, and fails over to the next node when
 * one cannot be reached. A request sent {@link Retry#ON_QUORUM_FAILURE} also goes to the next node
 * when a coordinator answers that it could not reach its quorum: that coordinator may be cut off
 * from the other replicas while the next one is not (§4.6, the store stays available to every
 * client that reaches some coordinator with a quorum). Other errors a node returns (bad request)
 * are answers, not failures, and are not retried elsewhere.
 */
final class Failover {
    /** Whether a coordinator's "quorum not reached" sends the request on to the next node. */
    enum Retry {
        /**
         * Gets, idempotently re-sent writes and compare-and-sets (whose request id makes a re-send
         * report the first attempt's win): another coordinator may reach the quorum.
         */
        ON_QUORUM_FAILURE,
        /** A request the first coordinator may still apply and that carries no identity: not re-sent. */
        ONLY_UNREACHABLE
    }

    private final Suspects suspects;

    Failover(Suspects suspects) {
        this.suspects = suspects;
    }

    /** A node's answer, and which node gave it. */
    record Answer<T>(Member from, T message) {}

    /**
     * The first answer from {@code preference} (non-empty), each node asked by {@code send};
     * fails with the node's error, or as a quorum not reached naming every node when none could
     * be reached.
     */
    <T> CompletableFuture<Answer<T>> send(List<Member> preference, Retry retry, Function<Member, CompletableFuture<T>> send) {
        CompletableFuture<Answer<T>> result = new CompletableFuture<>();
        attempt(suspects.order(preference), 0, retry, send, new ArrayList<>(), result);
        return result;
    }

    private <T> void attempt(List<Member> order, int index, Retry retry, Function<Member, CompletableFuture<T>> send, List<String> failures,
            CompletableFuture<Answer<T>> result) {
        Member target = order.get(index);
        CompletableFuture<T> sent;
        try {
            sent = send.apply(target);
        } catch (RuntimeException e) {
            result.completeExceptionally(e); // a request the transport refuses to send: no other node would take it
            return;
        }
        sent.whenComplete((answer, error) -> {
            if (error == null) {
                suspects.answered(target);
                result.complete(new Answer<>(target, answer));
                return;
            }
            Throwable cause = PeerClient.unwrap(error);
            boolean unreachable = cause instanceof TransportException;
            if (!unreachable) {
                suspects.answered(target); // it sent an error back: alive
                if (!(retry == Retry.ON_QUORUM_FAILURE && cause instanceof DynamoException d && d.code() == ErrorCode.QUORUM_NOT_REACHED)) {
                    result.completeExceptionally(cause);
                    return;
                }
            } else {
                suspects.unreachable(target);
            }
            failures.add(target.id() + ": " + PeerClient.reason(cause));
            if (index + 1 < order.size()) {
                attempt(order, index + 1, retry, send, failures, result);
            } else {
                // A quorum failure stays one for the caller (QuorumNotReachedException), whichever node had the last word.
                result.completeExceptionally(new QuorumNotReachedException(
                        "no node of the key's preference list could be reached or reach the quorum: " + failures, cause));
            }
        });
    }
}
