package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.consensus.Acceptor;
import io.dynamo.consensus.PaxosStore;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaHandler;
import io.dynamo.replica.ReplicaMessage;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.TransportException;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.HybridLogicalClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * A request sent to a node outside its key's preference list is forwarded to a primary (paper
 * §6.4), and forwarded again only by a node whose ring is newer than its forwarder's. While a change moves partitions, two nodes can
 * each see the other as the key's replica; a forward that is forwarded again then bounces
 * between them until a ring catches up, and each hop that times out makes its forwarder try the
 * next primary: one client put stored a hundred times, as a hundred siblings.
 */
class ForwardingTest {
    private static final Member A = new Member(new NodeId("a"), "127.0.0.1", 1, "");
    private static final Member B = new Member(new NodeId("b"), "127.0.0.1", 2, "");
    private static final Member C = new Member(new NodeId("c"), "127.0.0.1", 3, "");
    private static final CacheSpec ONE = new CacheSpec("c", 1, 1, 1, ConflictPolicy.SIBLINGS, Duration.ofSeconds(1));
    private static final CacheSpec TWO = new CacheSpec("c", 2, 1, 1, ConflictPolicy.SIBLINGS, Duration.ofSeconds(1));

    private final Map<NodeId, Coordinator> coordinators = new HashMap<>();
    private final Map<NodeId, LocalReplica> replicas = new HashMap<>();
    private final Map<NodeId, Ring> rings = new HashMap<>();
    private final List<String> delivered = new ArrayList<>();
    /** Delivered, then answered as the transport answers a request whose reply was lost. */
    private BiPredicate<Member, Message> answerLost = (to, m) -> false;

    private void cluster(Map<Member, Ring> views) {
        views.forEach((m, ring) -> {
            rings.put(m.id(), ring);
            LocalReplica replica = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100);
            replicas.put(m.id(), replica);
            Acceptor acceptor = new Acceptor(new PaxosStore(StorageEngines.memory(EngineOptions.defaults())), replica);
            coordinators.put(m.id(), new Coordinator(m.id(), () -> rings.get(m.id()), replica, FakePeers.members(this::call),
                    HybridLogicalClock.system(), acceptor, Runnable::run));
        });
    }

    private CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        delivered.add(peer.id() + ":" + request.getClass().getSimpleName());
        if (delivered.size() > 20) {
            return CompletableFuture.failedFuture(new AssertionError("a request bounced between nodes: " + delivered));
        }
        CompletableFuture<Message> answer;
        try {
            Coordinator target = coordinators.get(peer.id());
            if (request instanceof ReplicaMessage) {
                answer = new ReplicaHandler(replicas.get(peer.id()), new KeyPartitions(() -> rings.get(peer.id())), CacheReplicas.inMemory())
                        .handle(request, Caller.UNKNOWN);
            } else if (request instanceof Put p) {
                answer = target.write(p, p.cache(), p.key(), p.context(), Optional.of(p.value()), p.seen(), p.resent());
            } else if (request instanceof Get g) {
                answer = target.read(g, g.cache(), g.key(), g.seen());
            } else {
                throw new AssertionError("unexpected " + request);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (answerLost.test(peer, request)) {
            return answer.handle((a, e) -> {
                throw new TransportException("request timed out after 1000 ms");
            });
        }
        return answer;
    }

    @Test
    void aForwardedRequestIsNotForwardedAgainWhenTwoNodesEachHoldTheOtherTheKeysReplica() throws Exception {
        // a's ring gives every key to b, b's gives every key to a, at the same epoch: they disagree, as during a change.
        cluster(Map.of(A, Ring.create(8, List.of(B)), B, Ring.create(8, List.of(A))));
        byte[] key = bytes("k");

        assertThatThrownBy(() -> put(A, ONE, key).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.code()).as("the client tries its next node").isEqualTo(ErrorCode.QUORUM_NOT_REACHED);
                    assertThat(e.getMessage()).contains("b: ", "not a replica");
                });
        assertThat(delivered).as("forwarded once, refused there").containsExactly("b:Put");
        assertThat(replicas.get(A.id()).read("c", rings.get(A.id()).partitionOf(key), key)).isEmpty();
        assertThat(replicas.get(B.id()).read("c", rings.get(B.id()).partitionOf(key), key)).isEmpty();
    }

    @Test
    void aForwarderWhoseRingIsStaleStillReachesTheReplicaThroughANodeWithANewerRing() throws Exception {
        // a (epoch 1) still gives the key to b; b and c (epoch 2) know it moved to c.
        Ring newer = Ring.create(8, List.of(C)).withOwner(0, C.id(), List.of(C));
        cluster(Map.of(A, Ring.create(8, List.of(B)), B, newer, C, newer));
        byte[] key = bytes("k");

        assertThat(put(A, ONE, key).get(5, TimeUnit.SECONDS)).isInstanceOf(PutResult.class);
        assertThat(delivered).as("a to b, b (newer ring) to c").containsExactly("b:Put", "c:Put");
        assertThat(replicas.get(C.id()).read("c", newer.partitionOf(key), key)).isPresent();
    }

    @Test
    void aForwardRefusedByAPrimaryWhoseRingDiffersGoesOnToTheNextPrimary() throws Exception {
        // c forwards to the key's two primaries in its ring; the first has a ring without itself.
        Ring shared = Ring.create(8, List.of(A, B, C));
        byte[] key = keyWhosePrimariesExclude(shared, C.id(), TWO.n());
        Member first = shared.preferenceList(shared.partitionOf(key), TWO.n()).primaries().get(0);
        Member second = shared.preferenceList(shared.partitionOf(key), TWO.n()).primaries().get(1);
        Map<Member, Ring> views = new HashMap<>(Map.of(A, shared, B, shared, C, shared));
        views.put(first, Ring.create(8, List.of(C, second)));
        cluster(views);

        assertThat(put(C, TWO, key).get(5, TimeUnit.SECONDS)).isInstanceOf(PutResult.class);
        assertThat(replicas.get(second.id()).read("c", shared.partitionOf(key), key)).isPresent();
        assertThat(delivered.subList(0, 2)).containsExactly(first.id() + ":Put", second.id() + ":Put");
    }

    @Test
    void aForwardWhoseAnswerWasLostGoesToTheNextPrimaryAsAReSentWriteThatSupersedesTheFirstAttempt() throws Exception {
        Ring shared = Ring.create(8, List.of(A, B, C));
        cluster(Map.of(A, shared, B, shared, C, shared));
        byte[] key = keyWhosePrimariesExclude(shared, C.id(), TWO.n());
        Member first = shared.preferenceList(shared.partitionOf(key), TWO.n()).primaries().get(0);
        Member second = shared.preferenceList(shared.partitionOf(key), TWO.n()).primaries().get(1);
        answerLost = (to, m) -> to.equals(first) && m instanceof Put;

        assertThat(put(C, TWO, key).get(5, TimeUnit.SECONDS)).isInstanceOf(PutResult.class);
        answerLost = (to, m) -> false;
        for (Member m : List.of(first, second)) {
            assertThat(replicas.get(m.id()).read("c", shared.partitionOf(key), key).orElseThrow().siblings())
                    .as("one put, one version at %s", m.id()).hasSize(1);
        }
    }

    private CompletableFuture<Message> put(Member at, CacheSpec cache, byte[] key) {
        return coordinators.get(at.id()).write(new Put(cache, key, new byte[0], bytes("v")), cache, key, new byte[0],
                Optional.of(bytes("v")), 0, false);
    }

    private static byte[] keyWhosePrimariesExclude(Ring ring, NodeId node, int n) {
        for (int i = 0; ; i++) {
            byte[] key = bytes("key-" + i);
            if (!ring.preferenceList(ring.partitionOf(key), n).isPrimary(node)) {
                return key;
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
