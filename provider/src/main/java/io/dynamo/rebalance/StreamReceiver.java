package io.dynamo.rebalance;

import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Message;
import io.dynamo.rebalance.RebalanceMessage.StreamEntries;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The new owner's side of a partition stream (paper §4.9): merges each frame's states into the
 * local replica (DVV sync, so a key also written here meanwhile keeps both) on its own threads,
 * never the network's, in engine batches ({@link LocalReplica#mergeStored}: one WAL append per
 * batch), and acknowledges the frame once all of it is stored.
 *
 * <p>Stored states carry no conflict policy, so they are merged as siblings; a last-write-wins
 * cache keeps its newest version at its next write or read.
 */
public final class StreamReceiver implements AutoCloseable {
    private final LocalReplica local;
    private final KeyPartitions partitions;
    private final CacheReplicas caches;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dynamo-stream-in");
        t.setDaemon(true);
        return t;
    });

    public StreamReceiver(LocalReplica local, KeyPartitions partitions, CacheReplicas caches) {
        this.local = local;
        this.partitions = partitions;
        this.caches = caches;
    }

    CompletableFuture<Message> accept(StreamEntries frame) {
        return CompletableFuture.supplyAsync(() -> {
            partitions.requireStored(frame.partition(), frame.keys());
            for (int i = 0; i < frame.caches().size(); i++) {
                caches.learn(new String(frame.caches().get(i), StandardCharsets.UTF_8), frame.replicas()[i]);
            }
            List<DvvSet> states = new ArrayList<>(frame.states().size());
            for (byte[] state : frame.states()) {
                states.add(DvvSet.decode(state));
            }
            local.mergeStored(frame.partition(), frame.keys(), states, ConflictPolicy.SIBLINGS);
            return new Ack();
        }, threads);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
