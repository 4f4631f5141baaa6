package io.dynamo.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.bulk.BulkMessage.BulkPut;
import io.dynamo.bulk.BulkMessage.BulkReplicaWrite;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.LocalReplica;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.RecordingEngine;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.TransportException;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bulk puts over in-memory replicas wired by in-process calls that can be cut; the network path is BulkPreloadTest's. */
class BulkHandlerTest {
    private static final CacheSpec CACHE = new CacheSpec("bulk", 3, 2, 2, ConflictPolicy.LAST_WRITE_WINS, Duration.ofSeconds(1));

    private final Map<NodeId, LocalReplica> replicas = new HashMap<>();
    private final Map<NodeId, RecordingEngine> engines = new HashMap<>();
    private final Map<NodeId, BulkHandler> handlers = new HashMap<>();
    private final Set<NodeId> down = new HashSet<>();
    private final AtomicInteger replicaBatches = new AtomicInteger();
    private final List<Member> members = new ArrayList<>();
    private Ring ring;

    private void cluster(int nodes) {
        for (int i = 0; i < nodes; i++) {
            members.add(new Member(new NodeId("n" + i), "127.0.0.1", i + 1, ""));
        }
        ring = Ring.create(8, members);
        for (Member m : members) {
            RecordingEngine engine = new RecordingEngine(StorageEngines.memory(EngineOptions.defaults()));
            engines.put(m.id(), engine);
            LocalReplica replica = new LocalReplica(engine, 25, 100);
            replicas.put(m.id(), replica);
            handlers.put(m.id(), new BulkHandler(m.id(), () -> ring, replica, FakePeers.members(this::call), HybridLogicalClock.system(),
                    spec -> spec, CacheReplicas.inMemory()));
        }
    }

    private CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        if (down.contains(peer.id())) {
            return CompletableFuture.failedFuture(new TransportException("connection refused by " + peer.id()));
        }
        assertThat(request).isInstanceOf(BulkReplicaWrite.class);
        replicaBatches.incrementAndGet();
        try {
            return handlers.get(peer.id()).handle(roundTrip(request), Caller.UNKNOWN);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Through the codec, as the transport would carry it. */
    private static Message roundTrip(Message m) {
        return MessageCodec.of(BulkMessage.FAMILY).decode(m.type(), MessageCodec.encode(m));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Message put(NodeId at, List<byte[]> keys, List<byte[]> values) {
        return handlers.get(at).handle(roundTrip(new BulkPut(CACHE, keys, values)), Caller.UNKNOWN).join();
    }

    private Optional<DvvSet> stored(NodeId on, byte[] key) {
        return replicas.get(on).read(CACHE.name(), ring.partitionOf(key), key);
    }

    @Test
    void aBulkPutStoresEveryKeyOnAllThreeReplicasWithOneVersionOfTheCoordinatorInOneBatchPerPeer() {
        cluster(3);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(bytes("k" + i));
            values.add(bytes("v" + i));
        }
        NodeId coordinator = members.get(0).id();

        assertThat(put(coordinator, keys, values)).isInstanceOf(Ack.class);

        assertThat(replicaBatches).as("one batch to each of the two other replicas").hasValue(2);
        for (Member m : members) {
            assertThat(engines.get(m.id()).batchSizes()).as("engine batches on %s, not a write per key", m.id()).containsExactly(256, 244);
            assertThat(engines.get(m.id()).singleWrites()).isEmpty();
        }
        for (int i = 0; i < keys.size(); i++) {
            DvvSet here = stored(coordinator, keys.get(i)).orElseThrow();
            byte[] value = values.get(i);
            assertThat(here.values()).singleElement().satisfies(s -> {
                assertThat(s.value()).isEqualTo(value);
                assertThat(s.dot().actor()).as("the coordinator's dot").isEqualTo(coordinator.value());
            });
            for (Member m : members) {
                assertThat(stored(m.id(), keys.get(i))).as("k%d on %s", i, m.id()).contains(here);
            }
        }
    }

    @Test
    void aSecondBulkPutOfAKeySupersedesTheFirstUnderLastWriteWins() {
        cluster(3);
        NodeId coordinator = members.get(1).id();
        put(coordinator, List.of(bytes("k")), List.of(bytes("first")));
        put(coordinator, List.of(bytes("k")), List.of(bytes("second")));
        for (Member m : members) {
            assertThat(stored(m.id(), bytes("k")).orElseThrow().values()).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(bytes("second")));
        }
    }

    @Test
    void aBulkPutToANodeThatIsNotAReplicaOfOneOfItsKeysWritesNothingAnywhere() {
        cluster(4);
        CacheSpec twoReplicas = new CacheSpec("bulk", 2, 1, 1, ConflictPolicy.LAST_WRITE_WINS, Duration.ofSeconds(1));
        NodeId coordinator = members.get(0).id();
        byte[] mine = null;
        byte[] notMine = null;
        for (int i = 0; mine == null || notMine == null; i++) {
            byte[] k = bytes("k" + i);
            boolean primary = ring.preferenceList(ring.partitionOf(k), 2).isPrimary(coordinator);
            if (primary && mine == null) {
                mine = k;
            } else if (!primary && notMine == null) {
                notMine = k;
            }
        }
        BulkPut request = new BulkPut(twoReplicas, List.of(mine, notMine), List.of(bytes("a"), bytes("b")));

        assertThatThrownBy(() -> handlers.get(coordinator).handle(request, Caller.UNKNOWN))
                .isInstanceOf(DynamoException.class).hasMessageContaining("is not a replica of every key").hasMessageContaining("nothing written");
        for (Member m : members) {
            assertThat(replicas.get(m.id()).read("bulk", ring.partitionOf(mine), mine)).isEmpty();
            assertThat(replicas.get(m.id()).read("bulk", ring.partitionOf(notMine), notMine)).isEmpty();
        }
        assertThat(replicaBatches).hasValue(0);
    }

    @Test
    void aReplicaThatCannotBeReachedFailsTheBulkPutNamingIt() {
        cluster(3);
        NodeId unreachable = members.get(2).id();
        down.add(unreachable);
        CompletableFuture<Message> answer = handlers.get(members.get(0).id())
                .handle(new BulkPut(CACHE, List.of(bytes("k1"), bytes("k2")), List.of(bytes("a"), bytes("b"))), Caller.UNKNOWN);

        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(DynamoException.class)
                .hasMessageContaining("bulk put: replica " + unreachable + " did not store its 2 keys")
                .hasMessageContaining("connection refused");
        assertThat(stored(members.get(1).id(), bytes("k1"))).as("the reachable replica took its batch").isPresent();
    }

    @Test
    void aReplicaBatchWithOneKeyUnderAnotherPartitionIsRefusedWhole() {
        cluster(3);
        NodeId replica = members.get(1).id();
        byte[] good = bytes("good");
        byte[] bad = bytes("bad");
        byte[] state = DvvSet.empty().put(VersionVector.empty(), "n0", HybridLogicalClock.system().now(), bytes("v")).encode();
        int wrong = (ring.partitionOf(bad) + 1) % ring.partitionCount();
        BulkReplicaWrite write = new BulkReplicaWrite("bulk", ConflictPolicy.LAST_WRITE_WINS, 3,
                new int[] {ring.partitionOf(good), wrong}, List.of(good, bad), List.of(state, state));

        assertThatThrownBy(() -> handlers.get(replica).handle(write, Caller.UNKNOWN)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("was sent as one of partition " + wrong);
        assertThat(stored(replica, good)).as("the good key before the bad one").isEmpty();
    }

    @Test
    void aBulkPutNeedsOneValuePerKey() {
        assertThatThrownBy(() -> new BulkPut(CACHE, List.of(bytes("k")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a bulk put needs one value per key, got 1 keys and 0 values");
    }
}
