package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynamo.consensus.Acceptor;
import io.dynamo.consensus.ConsensusHandler;
import io.dynamo.consensus.ConsensusMessage;
import io.dynamo.consensus.PaxosStore;
import io.dynamo.coordinator.CoordinatorMessage.CasResult;
import io.dynamo.coordinator.CoordinatorMessage.CompareAndSet;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.coordinator.CoordinatorMessage.WriteIncomplete;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.QuorumNotReachedException;
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
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import java.nio.ByteBuffer;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three coordinators over in-memory replicas, wired by in-process calls that can be cut: the
 * quorum, forwarding, read-repair and compare-and-set paths without a network. The real network
 * is covered by the multi-process tests in integration-tests.
 */
class CoordinatorTest {
    private static final CacheSpec CACHE = new CacheSpec("c", 3, 2, 2, ConflictPolicy.SIBLINGS, Duration.ofSeconds(1));

    private final Map<NodeId, Coordinator> coordinators = new HashMap<>();
    private final Map<NodeId, LocalReplica> replicas = new HashMap<>();
    private final Map<NodeId, Acceptor> acceptors = new HashMap<>();
    private int requests;
    private final Set<NodeId> down = new HashSet<>();
    private Ring ring;

    @BeforeEach
    void cluster() {
        List<Member> members = List.of(new Member(new NodeId("a"), "127.0.0.1", 1, ""),
                new Member(new NodeId("b"), "127.0.0.1", 2, ""), new Member(new NodeId("c"), "127.0.0.1", 3, ""));
        ring = Ring.create(8, members);
        for (Member m : members) {
            LocalReplica replica = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100);
            replicas.put(m.id(), replica);
            Acceptor acceptor = new Acceptor(new PaxosStore(StorageEngines.memory(EngineOptions.defaults())), replica);
            acceptors.put(m.id(), acceptor);
            coordinators.put(m.id(), new Coordinator(m.id(), () -> ring, replica, FakePeers.members(this::call), HybridLogicalClock.system(),
                    acceptor, Runnable::run));
        }
    }

    /** In-process delivery, failing like the transport does for a node marked down. */
    private CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        if (down.contains(peer.id())) {
            return CompletableFuture.failedFuture(new TransportException("connection refused by " + peer.id()));
        }
        Coordinator target = coordinators.get(peer.id());
        try {
            if (request instanceof ConsensusMessage) {
                return new ConsensusHandler(acceptors.get(peer.id()), new KeyPartitions(() -> ring)).handle(request, Caller.UNKNOWN);
            } else if (request instanceof ReplicaMessage) {
                return new ReplicaHandler(replicas.get(peer.id()), new KeyPartitions(() -> ring), CacheReplicas.inMemory()).handle(request, Caller.UNKNOWN);
            } else if (request instanceof Put p) {
                return target.write(p, p.cache(), p.key(), p.context(), Optional.of(p.value()), p.seen(), p.resent());
            } else if (request instanceof Get g) {
                return target.read(g, g.cache(), g.key(), g.seen());
            } else if (request instanceof CompareAndSet c) {
                return target.compareAndSet(c);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        throw new AssertionError("unexpected " + request);
    }

    @Test
    void writeWithOneReplicaDownReachesW2AndIsReadBack() throws Exception {
        down.add(id("c"));
        byte[] key = bytes("k");
        put("a", key, new byte[0], "v1");
        assertThat(values(get("b", key))).containsExactly("v1");
    }

    @Test
    void writeWithTwoReplicasDownIsStoredHereButAnsweredIncompleteNamingWhoAnswered() throws Exception {
        down.add(id("b"));
        down.add(id("c"));
        byte[] key = bytes("k");
        assertThat(write("a", key, new byte[0], "v1")).isInstanceOfSatisfying(WriteIncomplete.class, w -> assertThat(w.reason())
                .contains("1 of 2", "[a]", "connection refused by b"));
        assertThat(replicas.get(id("a")).read("c", ring.partitionOf(key), key)).as("stored at the coordinator").isPresent();
    }

    @Test
    void aWriteReSentElsewhereWithTheIncompleteAnswersContextSupersedesTheFirstAttempt() throws Exception {
        byte[] key = bytes("k");
        down.add(id("b"));
        down.add(id("c"));
        WriteIncomplete first = (WriteIncomplete) write("a", key, new byte[0], "v1");
        down.clear();
        down.add(id("a")); // a is cut off from b and c, which reach each other
        put("b", key, first.context(), "v1");
        down.clear();
        assertThat(values(get("a", key))).as("one logical put, one sibling").containsExactly("v1");
    }

    @Test
    void concurrentWritesAtTwoCoordinatorsComeBackAsSiblingsAndAContextResolvesThem() throws Exception {
        byte[] key = bytes("cart");
        put("a", key, new byte[0], "book");
        put("b", key, new byte[0], "pen");
        GetResult read = get("c", key);
        assertThat(values(read)).containsExactlyInAnyOrder("book", "pen");

        put("c", key, read.context(), "book,pen");
        assertThat(values(get("a", key))).containsExactly("book,pen");
    }

    @Test
    void aPutsContextDoesNotCoverAConcurrentSiblingItsWriterNeverSaw() throws Exception {
        assertAPutWithTheSecondWritersContextKeepsTheFirst("b", "a");
    }

    @Test
    void aPutsContextDoesNotCoverAnEarlierConcurrentWriteAtTheSameCoordinator() throws Exception {
        assertAPutWithTheSecondWritersContextKeepsTheFirst("a", "a");
    }

    /** Two context-less puts, then a put with the second one's answer: the first was never seen by that writer. */
    private void assertAPutWithTheSecondWritersContextKeepsTheFirst(String firstAt, String secondAt) throws Exception {
        byte[] key = bytes("cart");
        put(firstAt, key, new byte[0], "pen");
        PutResult book = put(secondAt, key, new byte[0], "book");

        put(secondAt, key, book.context(), "book,cd");
        assertThat(values(get("c", key))).as("pen was never seen by the writer of book").contains("pen", "book,cd");
    }

    @Test
    void aPutsContextSupersedesItsOwnWrite() throws Exception {
        byte[] key = bytes("k");
        PutResult first = put("a", key, new byte[0], "v1");
        put("a", key, first.context(), "v2");
        assertThat(values(get("b", key))).containsExactly("v2");
    }

    @Test
    void aPutReSentWithoutItsFirstAttemptsContextReadsAsOneValueAndTheNextWriteSupersedesBoth() throws Exception {
        byte[] key = bytes("k");
        put("a", key, new byte[0], "v1");
        put("b", key, new byte[0], "v1"); // the re-sent attempt, its first answer lost
        GetResult read = get("c", key);
        assertThat(values(read)).containsExactly("v1");
        put("c", key, read.context(), "v2");
        assertThat(values(get("a", key))).containsExactly("v2");
    }

    @Test
    void aPutReSentAfterItsAnswerWasLostLeavesOneSiblingOnEveryReplica() throws Exception {
        byte[] key = bytes("k");
        put("a", key, new byte[0], "v1"); // stored everywhere; its answer never reached the client
        resend("b", key, new byte[0], Optional.of(bytes("v1")));
        for (NodeId node : replicas.keySet()) {
            assertThat(replicas.get(node).read("c", ring.partitionOf(key), key)).as("at " + node)
                    .hasValueSatisfying(s -> assertThat(s.siblingCount()).isEqualTo(1));
        }
        assertThat(values(get("c", key))).containsExactly("v1");
    }

    @Test
    void aReSentPutKeepsAConcurrentWriteOfAnotherValue() throws Exception {
        byte[] key = bytes("k");
        put("a", key, new byte[0], "theirs");
        resend("b", key, new byte[0], Optional.of(bytes("mine")));
        assertThat(values(get("c", key))).containsExactlyInAnyOrder("theirs", "mine");
    }

    @Test
    void aDeleteReSentAfterItsAnswerWasLostLeavesOneTombstone() throws Exception {
        byte[] key = bytes("k");
        PutResult written = put("a", key, new byte[0], "v1");
        coordinators.get(id("a")).write(new Delete(CACHE, key, written.context()), CACHE, key, written.context(), Optional.empty(), 0, false)
                .get(5, TimeUnit.SECONDS);
        resend("b", key, written.context(), Optional.empty());
        assertThat(replicas.get(id("c")).read("c", ring.partitionOf(key), key))
                .hasValueSatisfying(s -> assertThat(s.siblingCount()).isEqualTo(1));
        assertThat(values(get("c", key))).isEmpty();
    }

    private void resend(String at, byte[] key, byte[] context, Optional<byte[]> value) throws Exception {
        Message request = value.isPresent() ? new Put(CACHE, key, context, value.get(), 0, true) : new Delete(CACHE, key, context, 0, true);
        assertThat(coordinators.get(id(at)).write(request, CACHE, key, context, value, 0, true).get(5, TimeUnit.SECONDS))
                .isInstanceOf(PutResult.class);
    }

    /** A get with R=2 asks one replica besides its coordinator: here b is cut off, so the read reaches c (the one that missed the write). */
    @Test
    void aReplicaThatMissedAWriteIsRepairedByAReadThatReachesIt() throws Exception {
        byte[] key = bytes("k");
        down.add(id("c"));
        put("a", key, new byte[0], "v1");
        int partition = ring.partitionOf(key);
        assertThat(replicas.get(id("c")).read("c", partition, key)).isEmpty();

        down.clear();
        down.add(id("b"));
        assertThat(coordinators.get(id("a")).stats().readRepairs()).isZero();
        get("a", key);
        Optional<DvvSet> repaired = replicas.get(id("c")).read("c", partition, key);
        assertThat(repaired).isPresent();
        assertThat(repaired).isEqualTo(replicas.get(id("a")).read("c", partition, key));
        assertThat(coordinators.get(id("a")).stats().readRepairs()).as("one stale replica repaired").isEqualTo(1);
        get("a", key);
        assertThat(coordinators.get(id("a")).stats().readRepairs()).as("nothing stale any more").isEqualTo(1);
    }

    @Test
    void aRequestAtANodeOutsideThePreferenceListIsForwardedToAPrimary() throws Exception {
        CacheSpec twoReplicas = CACHE.withQuorums(2, 1, 2);
        byte[] key = keyWhosePrimariesExclude(id("c"), twoReplicas.n());
        Put put = new Put(twoReplicas, key, new byte[0], bytes("v"));
        coordinators.get(id("c")).write(put, twoReplicas, key, new byte[0], Optional.of(bytes("v")), 0, false).get(5, TimeUnit.SECONDS);
        assertThat(replicas.get(id("c")).read("c", ring.partitionOf(key), key)).as("c holds no replica").isEmpty();
        Get get = new Get(twoReplicas, key);
        assertThat(values((GetResult) coordinators.get(id("c")).read(get, twoReplicas, key, 0).get(5, TimeUnit.SECONDS)))
                .containsExactly("v");
    }

    @Test
    void compareAndSetAppliesOnlyWithTheContextOfTheLatestRead() throws Exception {
        byte[] key = bytes("counter");
        PutResult first = put("a", key, new byte[0], "1");
        CasResult stale = cas("b", key, new byte[0], "2");
        assertThat(stale.applied()).isFalse();
        assertThat(stale.values()).hasSize(1);

        CasResult fresh = cas("b", key, first.context(), "2");
        assertThat(fresh.applied()).isTrue();
        assertThat(values(get("c", key))).containsExactly("2");

        assertThat(cas("a", key, first.context(), "3").applied()).as("a context already superseded").isFalse();
    }

    @Test
    void compareAndSetOnAnAbsentKeyAppliesOnceOnly() throws Exception {
        byte[] key = bytes("lock");
        assertThat(cas("a", key, new byte[0], "owner-1").applied()).isTrue();
        assertThat(cas("b", key, new byte[0], "owner-2").applied()).isFalse();
        assertThat(values(get("c", key))).containsExactly("owner-1");
    }

    @Test
    void aNodeOutsideTheKeysReplicasLeadsItsRoundAndTheReplicasHoldTheValue() throws Exception {
        CacheSpec twoReplicas = CACHE.withQuorums(2, 1, 1);
        byte[] key = keyWhosePrimariesExclude(id("c"), twoReplicas.n());
        CasResult led = (CasResult) coordinators.get(id("c")).compareAndSet(new CompareAndSet(twoReplicas, key, new byte[0],
                Optional.of(bytes("v")), nextRequestId())).get(5, TimeUnit.SECONDS);
        assertThat(led.applied()).isTrue();
        assertThat(replicas.get(id("c")).read("c", ring.partitionOf(key), key)).as("the leader is no replica").isEmpty();
        assertThat(replicas.get(id("a")).read("c", ring.partitionOf(key), key)).isPresent();
        assertThat(replicas.get(id("b")).read("c", ring.partitionOf(key), key)).isPresent();
    }

    @Test
    void aCompareAndSetWithoutA16ByteRequestIdIsRefusedAndWritesNothing() {
        byte[] key = bytes("k");
        assertThatThrownBy(() -> coordinators.get(id("a")).compareAndSet(new CompareAndSet(CACHE, key, new byte[0],
                Optional.of(bytes("v")), new byte[3]))).isInstanceOf(DynamoException.class).hasMessageContaining("16 bytes, got 3");
        assertThat(replicas.get(id("a")).read("c", ring.partitionOf(key), key)).isEmpty();
    }

    @Test
    void aClientsLaterPutThroughACoordinatorWhoseClockIsTenSecondsBehindWinsUnderLastWriteWins() throws Exception {
        CacheSpec lww = new CacheSpec("c", 3, 2, 2, ConflictPolicy.LAST_WRITE_WINS, Duration.ofSeconds(1));
        runClockOff("a", -10_000);
        byte[] key = bytes("profile");
        down.add(id("a")); // a misses v1, so its clock never observes v1's timestamp through a replica write
        PutResult first = (PutResult) write("b", lww, key, "v1", 0);
        down.clear();
        write("a", lww, key, "v2", first.clock());
        GetResult read = (GetResult) read("c", lww, key);
        assertThat(values(read)).containsExactly("v2");
        assertThat(read.clock()).as("the read's clock covers the winner's timestamp").isGreaterThanOrEqualTo(first.clock());

        // Without the client's last seen timestamp (two clients, no causal link) the clocks decide: the bound in the README.
        runClockOff("a", -10_000); // a fresh node: its clock has not yet observed b's
        byte[] other = bytes("other");
        down.add(id("a"));
        write("b", lww, other, "v1", 0);
        down.clear();
        write("a", lww, other, "v2", 0);
        assertThat(values((GetResult) read("c", lww, other))).containsExactly("v1");
    }

    @Test
    void aLastSeenTimestampBeyondTheClockSkewBoundIsRefusedAndNothingIsWritten() {
        long twoMinutesAhead = (System.currentTimeMillis() + 120_000) << 16;
        byte[] key = bytes("poisoned");
        assertThatThrownBy(() -> write("a", CACHE, key, "v", twoMinutesAhead)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("ahead of this node's clock").hasMessageContaining("--max-clock-skew");
        assertThat(replicas.get(id("a")).read("c", ring.partitionOf(key), key)).isEmpty();
    }

    @Test
    void aValueWhoseDeadlinePassedOnTheCoordinatorsClockReadsAsAbsentAndEveryReplicaGetsATombstone() throws Exception {
        CacheSpec expiring = CACHE.withExpiryHeader();
        byte[] key = bytes("session");
        byte[] token = withDeadline(System.currentTimeMillis() - 1_000, "token");
        write("a", expiring, key, token, 0);

        GetResult read = (GetResult) read("b", expiring, key);
        assertThat(read.values()).isEmpty();
        assertThat(read.expired()).containsExactly(token);
        int partition = ring.partitionOf(key);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(replicas.values()).allSatisfy(r -> assertThat(
                r.read("c", partition, key)).hasValueSatisfying(state -> assertThat(state.values()).as("only a tombstone").isEmpty())));
        assertThat(((GetResult) read("c", expiring, key)).expired()).as("removed once").isEmpty();
    }

    @Test
    void aValueIsLiveUntilItsDeadlineOnTheCoordinatorsClockEvenWhenThatClockIsAnHourBehind() throws Exception {
        CacheSpec expiring = CACHE.withExpiryHeader();
        runClockOff("b", -3_600_000);
        byte[] key = bytes("session");
        byte[] token = withDeadline(System.currentTimeMillis() - 60_000, "token");
        write("a", expiring, key, token, 0);
        GetResult read = (GetResult) read("b", expiring, key);
        assertThat(read.values()).as("expired on the wall clock, not on b's").containsExactly(token);
        assertThat(read.expired()).isEmpty();
        assertThat(values((GetResult) read("b", CACHE, key))).as("a cache without the header is never expired")
                .containsExactly(new String(token, StandardCharsets.UTF_8));
    }

    /** Replaces the coordinator at {@code at} by one whose physical clock runs {@code offsetMillis} off the system's. */
    private void runClockOff(String at, long offsetMillis) {
        NodeId node = id(at);
        coordinators.put(node, new Coordinator(node, () -> ring, replicas.get(node), FakePeers.members(this::call),
                new HybridLogicalClock(() -> System.currentTimeMillis() + offsetMillis), acceptors.get(node), Runnable::run));
    }

    private static byte[] withDeadline(long deadline, String payload) {
        byte[] p = bytes(payload);
        return ByteBuffer.allocate(ExpiryHeader.BYTES + p.length).put(ExpiryHeader.FORMAT).putLong(deadline).put(p).array();
    }

    private Message write(String at, CacheSpec cache, byte[] key, String value, long seen) throws Exception {
        return write(at, cache, key, bytes(value), seen);
    }

    private Message write(String at, CacheSpec cache, byte[] key, byte[] value, long seen) throws Exception {
        Put put = new Put(cache, key, new byte[0], value, seen, false);
        return coordinators.get(id(at)).write(put, cache, key, new byte[0], Optional.of(value), seen, false).get(5, TimeUnit.SECONDS);
    }

    private Message read(String at, CacheSpec cache, byte[] key) throws Exception {
        return coordinators.get(id(at)).read(new Get(cache, key), cache, key, 0).get(5, TimeUnit.SECONDS);
    }

    private byte[] keyWhosePrimariesExclude(NodeId node, int n) {
        for (int i = 0; ; i++) {
            byte[] key = bytes("key-" + i);
            if (!ring.preferenceList(ring.partitionOf(key), n).isPrimary(node)) {
                return key;
            }
        }
    }

    private PutResult put(String at, byte[] key, byte[] context, String value) throws Exception {
        return (PutResult) write(at, key, context, value);
    }

    private Message write(String at, byte[] key, byte[] context, String value) throws Exception {
        Put put = new Put(CACHE, key, context, bytes(value));
        return coordinators.get(id(at)).write(put, CACHE, key, context, Optional.of(bytes(value)), 0, false).get(5, TimeUnit.SECONDS);
    }

    private GetResult get(String at, byte[] key) throws Exception {
        return (GetResult) coordinators.get(id(at)).read(new Get(CACHE, key), CACHE, key, 0).get(5, TimeUnit.SECONDS);
    }

    private CasResult cas(String at, byte[] key, byte[] expected, String value) throws Exception {
        return (CasResult) coordinators.get(id(at)).compareAndSet(new CompareAndSet(CACHE, key, expected, Optional.of(bytes(value)),
                        nextRequestId()))
                .get(5, TimeUnit.SECONDS);
    }

    private static List<String> values(GetResult r) {
        List<String> out = new ArrayList<>();
        r.values().forEach(v -> out.add(new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    /** Each cas call here is its own request. */
    private byte[] nextRequestId() {
        return java.nio.ByteBuffer.allocate(Coordinator.REQUEST_ID_BYTES).putInt(++requests).array();
    }

    private static NodeId id(String s) {
        return new NodeId(s);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
