package io.dynamo.bulk;

import io.dynamo.bulk.BulkMessage.BulkPut;
import io.dynamo.bulk.BulkMessage.BulkReplicaWrite;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.version.HybridLogicalClock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** A node's side of bulk loading: bulk puts it coordinates, and the batches of replica writes its peers send it. */
public final class BulkHandler implements MessageHandler {
    private final BulkCoordinator coordinator;
    private final BulkReplica replica;

    /**
     * @param settings the cluster-wide settings in force, applied over each bulk put's cache settings
     * @param caches   learns each cache's N from the batches that name it
     */
    public BulkHandler(NodeId self, Supplier<Ring> ring, LocalReplica local, PeerClient peers, HybridLogicalClock clock,
            UnaryOperator<CacheSpec> settings, CacheReplicas caches) {
        this.coordinator = new BulkCoordinator(self, ring, local, peers, clock, spec -> {
            CacheSpec applied = settings.apply(spec);
            caches.learn(applied.name(), applied.n());
            return applied;
        });
        this.replica = new BulkReplica(local, new KeyPartitions(ring), caches, clock);
    }

    @Override
    public MessageFamily family() {
        return BulkMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof BulkPut p) {
            return coordinator.put(p);
        } else if (request instanceof BulkReplicaWrite w) {
            replica.merge(w);
            return MessageHandler.answer(new Ack());
        }
        throw MessageHandler.notARequest(request);
    }
}
