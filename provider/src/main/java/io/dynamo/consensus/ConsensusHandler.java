package io.dynamo.consensus;

import io.dynamo.consensus.ConsensusMessage.Commit;
import io.dynamo.consensus.ConsensusMessage.Prepare;
import io.dynamo.consensus.ConsensusMessage.Propose;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.replica.KeyPartitions;
import java.util.concurrent.CompletableFuture;

/** A replica's answers to a leader's prepare, propose and commit, after checking the key is in the partition named. */
public final class ConsensusHandler implements MessageHandler {
    private final Acceptor acceptor;
    private final KeyPartitions partitions;

    public ConsensusHandler(Acceptor acceptor, KeyPartitions partitions) {
        this.acceptor = acceptor;
        this.partitions = partitions;
    }

    @Override
    public MessageFamily family() {
        return ConsensusMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof Prepare p) {
            partitions.require(p.partition(), p.key());
        } else if (request instanceof Propose p) {
            partitions.require(p.partition(), p.key());
        } else if (request instanceof Commit c) {
            partitions.require(c.partition(), c.key());
        } else {
            throw MessageHandler.notARequest(request);
        }
        return MessageHandler.answer(acceptor.answer((ConsensusMessage) request));
    }
}
