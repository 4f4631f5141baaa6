package io.dynamo.replica;

import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.version.DvvSet;
import java.util.concurrent.CompletableFuture;

/** The storage node's side of replication (paper §4.5) and read repair (§5): reads and merges of one key's state. */
public final class ReplicaHandler implements MessageHandler {
    private final LocalReplica local;
    private final KeyPartitions partitions;
    private final CacheReplicas caches;

    /** @param caches learns each written cache's N from the writes */
    public ReplicaHandler(LocalReplica local, KeyPartitions partitions, CacheReplicas caches) {
        this.local = local;
        this.partitions = partitions;
        this.caches = caches;
    }

    @Override
    public MessageFamily family() {
        return ReplicaMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof ReplicaWrite w) {
            return merge(w).thenApply(stored -> (Message) new Ack()); // acknowledged once its group commit is stored
        } else if (request instanceof ReplicaRead r) {
            // The stored bytes as they are: a decode and re-encode here would only copy them (the reader decodes).
            return MessageHandler.answer(new ReplicaState(local.stored(r.cache(), r.partition(), r.key())));
        }
        throw MessageHandler.notARequest(request);
    }

    /** A peer's state of a key, merged here (which bounds and observes its timestamps) in the next group commit. */
    private CompletableFuture<DvvSet> merge(ReplicaWrite write) {
        partitions.require(write.partition(), write.key());
        DvvSet incoming = DvvSet.decode(write.state());
        caches.learn(write.cache(), write.n());
        return local.submitMerge(write.cache(), write.partition(), write.key(), incoming, write.policy());
    }
}
