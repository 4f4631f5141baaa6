package io.dynamo.membership;

import io.dynamo.membership.MembershipMessage.Gossip;
import io.dynamo.membership.MembershipMessage.MembersRequest;
import io.dynamo.membership.MembershipMessage.RingRequest;
import io.dynamo.membership.MembershipMessage.RingState;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Answers gossip (paper §4.8) and the requests for the views it spreads: the members and the ring. */
public final class MembershipHandler implements MessageHandler {
    private final Membership membership;
    private final Consumer<Member> heard;

    /** @param heard told of each peer whose gossip arrives: it is alive, whatever failed before */
    public MembershipHandler(Membership membership, Consumer<Member> heard) {
        this.membership = membership;
        this.heard = heard;
    }

    @Override
    public MessageFamily family() {
        return MembershipMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof Gossip g) {
            Message answer = membership.handleGossip(g);
            membership.view().member(new NodeId(g.from())).ifPresent(heard);
            return MessageHandler.answer(answer);
        } else if (request instanceof MembersRequest) {
            return MessageHandler.answer(membership.members());
        } else if (request instanceof RingRequest) {
            return MessageHandler.answer(new RingState(membership.ring().encode()));
        }
        throw MessageHandler.notARequest(request);
    }
}
