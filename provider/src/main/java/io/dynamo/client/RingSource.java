package io.dynamo.client;

import io.dynamo.membership.MembershipMessage.RingRequest;
import io.dynamo.membership.MembershipMessage.RingState;
import io.dynamo.ring.Ring;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Where a client learns the ring: from a node it names, or from the first of its seeds that answers. */
public final class RingSource {
    private RingSource() {}

    /** The ring of the first seed of {@code config} that answers. */
    public static Ring fromSeeds(NodeCalls calls, ClientConfig config) {
        RingState state = InTurn.firstAnswer(calls, InTurn.resolve(config.seeds()), new RingRequest(), RingState.class,
                config.requestTimeout(), InTurn.OnRefusal.TRY_NEXT, "cannot reach any seed of the cluster").message();
        return Ring.decode(state.ring());
    }

    /** The ring {@code node} holds now. */
    static CompletableFuture<Ring> from(NodeCalls calls, InetSocketAddress node, Duration timeout) {
        return calls.call(node, new RingRequest(), RingState.class, timeout).thenApply(s -> Ring.decode(s.ring()));
    }
}
