package io.dynamo.client;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks nodes one after the other until one answers: how a client learns the ring from its seeds,
 * and how an operator reaches whichever node is up for the membership or a change's plan.
 */
public final class InTurn {
    private InTurn() {}

    /** The first answer, and the node that gave it. */
    public record Answer<T>(InetSocketAddress from, T message) {}

    /** When a node's own error ends the search (it refused: a reason, not a failure to reach it) or is passed over like silence. */
    public enum OnRefusal { THROW, TRY_NEXT }

    /**
     * Sends {@code request} to each of {@code nodes} in order, each with {@code timeout}, and
     * returns the first answer; fails as a quorum not reached, naming {@code what} and every
     * node's failure, when none answers.
     */
    public static <T extends Message> Answer<T> firstAnswer(NodeCalls calls, List<InetSocketAddress> nodes, Message request, Class<T> answer,
            Duration timeout, OnRefusal onRefusal, String what) {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress node : nodes) {
            CompletableFuture<T> reply = calls.call(node, request, answer, timeout);
            try {
                return new Answer<>(node, NodeCalls.await(reply, timeout.plusSeconds(1), "no answer in time"));
            } catch (RuntimeException e) {
                // a finished reply failed with what the node sent; an unfinished one was silence
                if (onRefusal == OnRefusal.THROW && e instanceof DynamoException && reply.isDone()) {
                    throw e;
                }
                failures.add(node + ": " + PeerClient.reason(e));
            }
        }
        throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, what + ": " + failures);
    }

    /** Seeds parsed from text are unresolved, and the transport takes only resolved addresses. */
    public static List<InetSocketAddress> resolve(List<InetSocketAddress> seeds) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress s : seeds) {
            out.add(s.isUnresolved() ? new InetSocketAddress(s.getHostString(), s.getPort()) : s);
        }
        return out;
    }
}
