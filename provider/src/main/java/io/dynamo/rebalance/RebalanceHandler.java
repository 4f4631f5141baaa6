package io.dynamo.rebalance;

import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.rebalance.RebalanceMessage.Change;
import io.dynamo.rebalance.RebalanceMessage.ChangeStatus;
import io.dynamo.rebalance.RebalanceMessage.ClaimChange;
import io.dynamo.rebalance.RebalanceMessage.PartitionSize;
import io.dynamo.rebalance.RebalanceMessage.StreamEntries;
import io.dynamo.rebalance.RebalanceMessage.StreamPartition;
import io.dynamo.rebalance.RebalanceMessage.SyncPartition;
import io.dynamo.ring.Member;
import java.util.concurrent.CompletableFuture;

/** Join and leave: an operator's change and its progress at the planning node, the partition streams it asks replicas for, and their frames at the new owner. */
public final class RebalanceHandler implements MessageHandler {
    private final Rebalancer rebalancer;
    private final PartitionStreamer streamer;
    private final StreamReceiver receiver;

    public RebalanceHandler(Rebalancer rebalancer, PartitionStreamer streamer, StreamReceiver receiver) {
        this.rebalancer = rebalancer;
        this.streamer = streamer;
        this.receiver = receiver;
    }

    @Override
    public MessageFamily family() {
        return RebalanceMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof StreamPartition s) {
            return streamer.stream(s.partition(), Member.parse(s.target()), s.rank(), s.formerRank()).thenApply(r -> r);
        } else if (request instanceof StreamEntries e) {
            return receiver.accept(e);
        } else if (request instanceof SyncPartition s) {
            return streamer.sync(s.partition(), Member.parse(s.target()), s.rank(), s.formerRank()).thenApply(r -> r);
        } else if (request instanceof Change c) {
            return (c.dryRun() ? rebalancer.plan(c.join(), c.member()) : rebalancer.start(c.join(), c.member())).thenApply(r -> r);
        } else if (request instanceof PartitionSize s) {
            return streamer.size(s.partition()).thenApply(r -> r);
        } else if (request instanceof ClaimChange c) {
            return MessageHandler.answer(rebalancer.vote(c));
        } else if (request instanceof ChangeStatus) {
            return MessageHandler.answer(rebalancer.status());
        }
        throw MessageHandler.notARequest(request);
    }
}
