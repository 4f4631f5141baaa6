package io.dynamo.bulk;

import io.dynamo.bulk.BulkMessage.BulkPut;
import io.dynamo.bulk.BulkMessage.BulkReplicaWrite;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.StoredState;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.ring.Ring;
import io.dynamo.ring.RingException;
import io.dynamo.version.HybridLogicalClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A bulk put at the coordinator: each key gets a new version at this node's next dot, as a put
 * without context does (paper §5: the coordinator generates the version and writes it locally),
 * and the states go to the other N-1 primaries as one {@link BulkReplicaWrite} per peer instead
 * of one replica write per key. It is answered once every primary of every key stored its state:
 * a preload wants all N replicas, and a batch short of one is re-sent whole by the client (the
 * re-write supersedes the first attempt under last-write-wins). No sloppy quorum and no hints: a
 * bulk load is not the path that must stay writable while a node is down.
 */
final class BulkCoordinator {
    private final NodeId self;
    private final Supplier<Ring> ring;
    private final LocalReplica local;
    private final PeerClient peers;
    private final HybridLogicalClock clock;
    private final UnaryOperator<CacheSpec> settings;

    /** @param settings the cluster-wide settings in force (ZooKeeper's N, timeout), applied over the request's */
    BulkCoordinator(NodeId self, Supplier<Ring> ring, LocalReplica local, PeerClient peers, HybridLogicalClock clock,
            UnaryOperator<CacheSpec> settings) {
        this.self = self;
        this.ring = ring;
        this.local = local;
        this.peers = peers;
        this.clock = clock;
        this.settings = settings;
    }

    CompletableFuture<Message> put(BulkPut request) {
        CacheSpec cache = settings.apply(request.cache());
        Ring current = ring.get();
        // Every key is checked before any is written: a batch sent on a stale ring changes nothing here.
        List<PreferenceList> lists = new ArrayList<>(request.keys().size());
        for (byte[] key : request.keys()) {
            PreferenceList pl = preferenceList(current, cache, key);
            if (!pl.isPrimary(self)) {
                throw new DynamoException(ErrorCode.BAD_REQUEST, "node " + self + " is not a replica of every key of the bulk put"
                        + " (the client's ring is stale): nothing written");
            }
            lists.add(pl);
        }
        int[] partitions = lists.stream().mapToInt(PreferenceList::partition).toArray();
        List<StoredState> stored = local.writeAll(cache.name(), partitions, request.keys(), self.value(), clock::now,
                request.values(), cache.policy());
        Map<Member, PeerBatch> batches = new LinkedHashMap<>();
        for (int i = 0; i < lists.size(); i++) {
            PreferenceList pl = lists.get(i);
            byte[] key = request.keys().get(i);
            byte[] encoded = stored.get(i).encoded(); // as stored, for every peer
            for (Member m : pl.primaries()) {
                if (!m.id().equals(self)) {
                    batches.computeIfAbsent(m, x -> new PeerBatch()).add(pl.partition(), key, encoded);
                }
            }
        }
        List<CompletableFuture<Ack>> sent = new ArrayList<>(batches.size());
        batches.forEach((peer, batch) -> sent.add(peers.call(peer, batch.message(cache), Ack.class, cache.timeout())
                .exceptionally(error -> {
                    throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "bulk put: replica " + peer.id() + " did not store its "
                            + batch.size() + " keys: " + PeerClient.reason(error));
                })));
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(done -> new Ack());
    }

    private static PreferenceList preferenceList(Ring current, CacheSpec cache, byte[] key) {
        try {
            return current.preferenceList(current.partitionOf(key), cache.n());
        } catch (RingException e) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "cache '" + cache.name() + "': " + e.getMessage());
        }
    }

    /** The keys one peer replicates, in the order they were written here. */
    private static final class PeerBatch {
        private final List<Integer> partitions = new ArrayList<>();
        private final List<byte[]> keys = new ArrayList<>();
        private final List<byte[]> states = new ArrayList<>();

        void add(int partition, byte[] key, byte[] state) {
            partitions.add(partition);
            keys.add(key);
            states.add(state);
        }

        int size() {
            return keys.size();
        }

        BulkReplicaWrite message(CacheSpec cache) {
            int[] p = partitions.stream().mapToInt(Integer::intValue).toArray();
            return new BulkReplicaWrite(cache.name(), cache.policy(), cache.n(), p, keys, states);
        }
    }
}
