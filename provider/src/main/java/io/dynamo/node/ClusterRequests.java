package io.dynamo.node;

import io.dynamo.handoff.HintStore;
import io.dynamo.handoff.PartitionStreamer;
import io.dynamo.handoff.Rebalancer;
import io.dynamo.protocol.Message.Change;
import io.dynamo.protocol.Message.ChangeStatus;
import io.dynamo.protocol.Message.StreamPartition;
import io.dynamo.ring.Member;
import java.util.concurrent.CompletableFuture;
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
    private final Rebalancer rebalancer;
    private final PartitionStreamer streamer;

    private final java.util.function.Consumer<Member> heard;

    /** @param heard told of each peer whose gossip arrives: it is alive, whatever failed before */
    ClusterRequests(Membership membership, HintStore hints, Rebalancer rebalancer, PartitionStreamer streamer,
            java.util.function.Consumer<Member> heard) {
        this.heard = heard;
        this.membership = membership;
        this.hints = hints;
        this.rebalancer = rebalancer;
        this.streamer = streamer;
    }

    /** The answer to {@code m} when it is one of these requests. */
    Optional<CompletableFuture<Message>> handle(Message m) {
        if (m instanceof StreamPartition s) {
            Member target = Member.parse(s.target());
            return Optional.of(streamer.stream(s.partition(), target).thenApply(r -> r));
        }
        return answer(m).map(CompletableFuture::completedFuture);
    }

    private Optional<Message> answer(Message m) {
        if (m instanceof Change c) {
            return Optional.of(rebalancer.start(c.join(), c.member()));
        } else if (m instanceof ChangeStatus) {
            return Optional.of(rebalancer.status());
        }
        if (m instanceof Gossip g) {
            Message answer = membership.handleGossip(g);
            membership.view().member(new NodeId(g.from())).ifPresent(heard);
            return Optional.of(answer);
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
