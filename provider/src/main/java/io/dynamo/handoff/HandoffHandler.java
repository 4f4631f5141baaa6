package io.dynamo.handoff;

import io.dynamo.handoff.HandoffMessage.HintedWrite;
import io.dynamo.handoff.HandoffMessage.HintsRequest;
import io.dynamo.handoff.HandoffMessage.HintsResult;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.NodeId;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** A fallback's side of a sloppy quorum (paper §4.6): it keeps hinted writes for their owner, and says how many it holds. */
public final class HandoffHandler implements MessageHandler {
    private final HintStore hints;
    private final KeyPartitions partitions;
    private final HybridLogicalClock clock;

    /** @param clock bounds the timestamps of a hint: one far in the future would poison its key at the owner */
    public HandoffHandler(HintStore hints, KeyPartitions partitions, HybridLogicalClock clock) {
        this.hints = hints;
        this.partitions = partitions;
        this.clock = clock;
    }

    @Override
    public MessageFamily family() {
        return HandoffMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof HintedWrite h) {
            partitions.require(h.partition(), h.key());
            DvvSet state = DvvSet.decode(h.state());
            clock.observe(state);
            hints.store(new NodeId(h.owner()), h.partition(), StoredKey.of(h.cache(), h.key()), h.policy(), state);
            return MessageHandler.answer(new Ack());
        } else if (request instanceof HintsRequest) {
            Map<String, Long> pending = new TreeMap<>();
            hints.pendingByOwner().forEach((owner, count) -> pending.put(owner.value(), count));
            return MessageHandler.answer(new HintsResult(pending));
        }
        throw MessageHandler.notARequest(request);
    }
}
