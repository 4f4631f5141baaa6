package io.dynamo.coordinator;

import io.dynamo.coordinator.CoordinatorMessage.CacheKeys;
import io.dynamo.coordinator.CoordinatorMessage.CompareAndSet;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.KeysResult;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.LocalReplica;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * Client requests at a node: get, put, delete and compare-and-set go to the {@link Coordinator},
 * with the cluster's settings (ZooKeeper's N, R, W, timeout) applied over what the client sent.
 */
public final class CoordinatorHandler implements MessageHandler {
    private final Coordinator coordinator;
    private final LocalReplica local;
    private final IntSupplier partitions;
    private final UnaryOperator<CacheSpec> settings;

    /**
     * @param settings the cluster-wide settings in force, applied to every request's cache settings
     * @param caches   learns each cache's N from the requests that name it
     */
    public CoordinatorHandler(Coordinator coordinator, LocalReplica local, IntSupplier partitions, UnaryOperator<CacheSpec> settings,
            CacheReplicas caches) {
        this.coordinator = coordinator;
        this.local = local;
        this.partitions = partitions;
        this.settings = spec -> {
            CacheSpec applied = settings.apply(spec);
            caches.learn(applied.name(), applied.n());
            return applied;
        };
    }

    @Override
    public MessageFamily family() {
        return CoordinatorMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof Get g) {
            return coordinator.read(g, settings.apply(g.cache()), g.key(), g.seen());
        } else if (request instanceof Put p) {
            return coordinator.write(p, settings.apply(p.cache()), p.key(), p.context(), Optional.of(p.value()), p.seen(), p.resent());
        } else if (request instanceof Delete d) {
            return coordinator.write(d, settings.apply(d.cache()), d.key(), d.context(), Optional.empty(), d.seen(), d.resent());
        } else if (request instanceof CompareAndSet c) {
            CacheSpec spec = settings.apply(c.cache());
            return coordinator.compareAndSet(spec.equals(c.cache()) ? c : new CompareAndSet(spec, c.key(), c.expected(), c.value(), c.requestId()));
        } else if (request instanceof CacheKeys k) {
            return MessageHandler.answer(cacheKeys(k.cache()));
        }
        throw MessageHandler.notARequest(request);
    }

    /** The keys of a cache this node holds with a live value, over every partition (iteration and clear). */
    private KeysResult cacheKeys(String cache) {
        List<byte[]> keys = new ArrayList<>();
        int count = partitions.getAsInt();
        for (int p = 0; p < count; p++) {
            local.liveKeys(cache, p, keys::add);
        }
        return new KeysResult(keys);
    }
}
