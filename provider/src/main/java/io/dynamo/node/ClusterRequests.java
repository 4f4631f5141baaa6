package io.dynamo.node;

import io.dynamo.handoff.HintStore;
import io.dynamo.membership.Membership;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.Message.Ack;
import io.dynamo.protocol.Message.Gossip;
import io.dynamo.protocol.Message.HintedWrite;
import io.dynamo.protocol.Message.HintsRequest;
import io.dynamo.protocol.Message.HintsResult;
import io.dynamo.protocol.Message.MembersRequest;
import io.dynamo.coordinator.StoredKey;
import io.dynamo.ring.NodeId;
import io.dynamo.version.DvvSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The requests of membership and hinted handoff: gossip, the members view, hinted writes, pending hints. */
final class ClusterRequests {
    private final Membership membership;
    private final HintStore hints;

    ClusterRequests(Membership membership, HintStore hints) {
        this.membership = membership;
        this.hints = hints;
    }

    /** The answer to {@code m} when it is one of these requests. */
    Optional<Message> handle(Message m) {
        if (m instanceof Gossip g) {
            return Optional.of(membership.handleGossip(g));
        } else if (m instanceof MembersRequest) {
            return Optional.of(membership.members());
        } else if (m instanceof HintedWrite h) {
            hints.store(new NodeId(h.owner()), h.partition(), StoredKey.of(h.cache(), h.key()), h.policy(), DvvSet.decode(h.state()));
            return Optional.of(new Ack());
        } else if (m instanceof HintsRequest) {
            Map<String, Long> pending = new TreeMap<>();
            hints.pendingByOwner().forEach((owner, count) -> pending.put(owner.value(), count));
            return Optional.of(new HintsResult(pending));
        }
        return Optional.empty();
    }
}
