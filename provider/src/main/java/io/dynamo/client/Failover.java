package io.dynamo.client;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.ring.Member;
import io.dynamo.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends a request to a key's preference list in order (paper §6.4, client-driven coordination:
 * any node of the list can coordinate), suspects moved last, and fails over to the next node when
 * one cannot be reached. Errors a node returns (quorum not reached, bad request) are answers, not
 * failures, and are not retried elsewhere: the coordinator already asked the other replicas.
 */
final class Failover {
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
    <T> CompletableFuture<Answer<T>> send(List<Member> preference, Function<Member, CompletableFuture<T>> send) {
        CompletableFuture<Answer<T>> result = new CompletableFuture<>();
        attempt(suspects.order(preference), 0, send, new ArrayList<>(), result);
        return result;
    }

    private <T> void attempt(List<Member> order, int index, Function<Member, CompletableFuture<T>> send, List<String> failures,
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
            Throwable cause = NodeCalls.unwrap(error);
            if (!(cause instanceof TransportException)) {
                suspects.answered(target); // it sent an error back: alive
                result.completeExceptionally(cause);
                return;
            }
            failures.add(target.id() + ": " + NodeCalls.reason(cause));
            suspects.unreachable(target);
            if (index + 1 < order.size()) {
                attempt(order, index + 1, send, failures, result);
            } else {
                result.completeExceptionally(new DynamoException(ErrorCode.QUORUM_NOT_REACHED,
                        "no node of the key's preference list could be reached: " + failures, cause));
            }
        });
    }
}
