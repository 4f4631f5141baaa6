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
 * §6.4: a node not among the key's top N sends the request on to one of them), and handed on again
 * only by a node whose ring is newer.
 * While a change moves partitions two nodes' rings can differ for a second, each naming the other
 * the key's replica; a request forwarded again and again would bounce between them until one
 * caught up. So a forward carries the forwarder's ring epoch, and a node that is no primary hands a
 * forwarded request on only when its own ring is newer: along a chain of forwards the epochs
 * rise, so nothing bounces, and a forwarder whose ring was the stale one still reaches the key's
 * replicas through a node that knows them. Otherwise it refuses ({@link ErrorCode#NOT_A_REPLICA}),
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
     * {@code request}'s answer from the first primary of {@code pl}, this node's preference list at
     * ring {@code epoch}, that takes it, those held down tried last; refused here instead when the
     * request was forwarded by a node whose ring is not older than this one.
     */
    CompletableFuture<Message> forward(PreferenceList pl, long epoch, Message request, CacheSpec cache) {
        long from = forwardedAt(request);
        if (from > 0 && from >= epoch) {
            return CompletableFuture.failedFuture(new DynamoException(ErrorCode.NOT_A_REPLICA, self + " is not a replica of the key in"
                    + " its ring (epoch " + epoch + ", the forwarder's " + from + ") and does not forward the request again: the rings"
                    + " differ until gossip agrees"));
        }
        List<Member> order = new ArrayList<>(pl.primaries().size());
        List<Member> down = new ArrayList<>(1);
        for (Member m : pl.primaries()) {
            (isUp.test(m.id()) ? order : down).add(m);
        }
        order.addAll(down); // those held down are tried last, not skipped: the detector may be wrong
        return forward(order, 0, request, epoch, cache, false, new ArrayList<>());
    }

    private CompletableFuture<Message> forward(List<Member> primaries, int index, Message request, long epoch, CacheSpec cache,
            boolean unanswered, List<String> failures) {
        Member target = primaries.get(index);
        return peers.call(target, handedOn(request, epoch, unanswered), cache.timeout()).handle((response, error) -> {
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
            return forward(primaries, index + 1, request, epoch, cache, unanswered || !(cause instanceof DynamoException), failures);
        }).thenCompose(f -> f);
    }

    /** The ring epoch of the node that forwarded {@code request}, 0 for a client's. */
    static long forwardedAt(Message request) {
        return request instanceof Get g ? g.forwardedAt() : request instanceof Put p ? p.forwardedAt()
                : request instanceof Delete d ? d.forwardedAt() : 0;
    }

    /** {@code request} as forwarded at ring {@code epoch}, and a write also re-sent after an unanswered hand-over. */
    static Message handedOn(Message request, long epoch, boolean unanswered) {
        if (request instanceof Put p) {
            return p.handedOnAt(epoch, unanswered);
        } else if (request instanceof Delete d) {
            return d.handedOnAt(epoch, unanswered);
        } else if (request instanceof Get g) {
            return g.handedOnAt(epoch);
        }
        throw new IllegalArgumentException("not a forwarded request: " + request.getClass().getSimpleName());
    }
}
