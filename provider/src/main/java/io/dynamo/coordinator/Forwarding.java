package io.dynamo.coordinator;

import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A get, put or delete at a node outside its key's preference list is handed to a primary (paper
 * §6.4: a node not among the key's top N sends the request on to one of them), and only once.
 * While a change moves partitions two nodes' rings can differ for a second, each naming the other
 * the key's replica; a forwarded request forwarded again would bounce between them until one
 * caught up. So a node that is no primary refuses a forwarded request ({@link ErrorCode#NOT_A_REPLICA}),
 * and its forwarder goes on to the next primary, as it does for one it cannot reach.
 *
 * <p>A hand-over that went unanswered (a timeout) may have been stored all the same: the next
 * primary gets the write marked re-sent, and supersedes that attempt ({@link ResentWrite}) rather
 * than add a second sibling of one put.
 */
final class Forwarding {
    private final NodeId self;
    private final PeerClient peers;
    private final Predicate<NodeId> isUp;

    Forwarding(NodeId self, PeerClient peers, Predicate<NodeId> isUp) {
        this.self = self;
        this.peers = peers;
        this.isUp = isUp;
    }

    /**
     * {@code request}'s answer from the first primary of {@code pl} that takes it, those held down
     * tried last; a forwarded request is refused here instead.
     */
    CompletableFuture<Message> forward(PreferenceList pl, long epoch, Message request, CacheSpec cache) {
        if (isForwarded(request)) {
            return CompletableFuture.failedFuture(new DynamoException(ErrorCode.NOT_A_REPLICA, self + " is not a replica of the key in"
                    + " its ring (epoch " + epoch + ") and does not forward a forwarded request again: the rings differ until gossip agrees"));
        }
        List<Member> order = new ArrayList<>(pl.primaries().size());
        List<Member> down = new ArrayList<>(1);
        for (Member m : pl.primaries()) {
            (isUp.test(m.id()) ? order : down).add(m);
        }
        order.addAll(down); // those held down are tried last, not skipped: the detector may be wrong
        return forward(order, 0, request, cache, false, new ArrayList<>());
    }

    private CompletableFuture<Message> forward(List<Member> primaries, int index, Message request, CacheSpec cache, boolean unanswered,
            List<String> failures) {
        Member target = primaries.get(index);
        return peers.call(target, handedOn(request, unanswered), cache.timeout()).handle((response, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(response);
            }
            Throwable cause = PeerClient.unwrap(error);
            if (cause instanceof DynamoException d && d.code() != ErrorCode.NOT_A_REPLICA) {
                return CompletableFuture.<Message>failedFuture(cause); // an answer (bad request, too large): the same elsewhere
            }
            failures.add(target.id() + ": " + PeerClient.reason(cause));
            if (index + 1 >= primaries.size()) {
                // A quorum failure for the client, which then tries the next node of its own list.
                return CompletableFuture.<Message>failedFuture(new QuorumNotReachedException(
                        "no primary of the key took the request forwarded by " + self + ": " + failures, cause));
            }
            return forward(primaries, index + 1, request, cache, unanswered || !(cause instanceof DynamoException), failures);
        }).thenCompose(f -> f);
    }

    static boolean isForwarded(Message request) {
        return request instanceof Get g ? g.forwarded() : request instanceof Put p ? p.forwarded() : request instanceof Delete d && d.forwarded();
    }

    /** {@code request} marked forwarded, and a write also re-sent after an unanswered hand-over. */
    static Message handedOn(Message request, boolean unanswered) {
        if (request instanceof Put p) {
            return p.asForwarded(unanswered);
        } else if (request instanceof Delete d) {
            return d.asForwarded(unanswered);
        } else if (request instanceof Get g) {
            return g.asForwarded();
        }
        throw new IllegalArgumentException("not a forwarded request: " + request.getClass().getSimpleName());
    }
}
