package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.RequestTimeoutException;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A get at its coordinator against replicas that answer when the test says, and a hedge timer the
 * test fires: whom a get asks, when it asks the next replica, and what read repair gets. No sockets,
 * no sleeps.
 */
class QuorumReadTest {
    private static final CacheSpec CACHE = new CacheSpec("carts", 3, 2, 2, ConflictPolicy.SIBLINGS, Duration.ofSeconds(2));
    private static final long HEDGE_NANOS = Duration.ofMillis(5).toNanos();
    private static final byte[] KEY = "cart:alice".getBytes(StandardCharsets.UTF_8);
    private static final DvvSet V1 = DvvSet.empty().put(VersionVector.empty(), "a", 1, bytes("book"));
    private static final DvvSet V2 = V1.put(V1.context(), "b", 2, bytes("book,pen"));

    private final Ring ring = Ring.create(8, List.of(member("a", 1), member("b", 2), member("c", 3), member("d", 4), member("e", 5)));
    private final List<Call> calls = new ArrayList<>();
    private final ManualTimer timer = new ManualTimer();
    private final AtomicLong nanos = new AtomicLong();
    private final Set<NodeId> down = new HashSet<>();
    private final LocalReplica local = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100);

    /** One request a replica has not answered yet. */
    private record Call(Member to, Message request, CompletableFuture<Message> answer) {
        void state(Optional<DvvSet> state) {
            answer.complete(new ReplicaState(state.map(DvvSet::encode)));
        }
    }

    /** Hedge tasks in the order scheduled, run by {@link #fire}; a cancelled one does not run. */
    private static final class ManualTimer implements ReadTimer {
        private final List<Runnable> due = new ArrayList<>();
        private final List<Long> delays = new ArrayList<>();
        private int cancelled;

        @Override
        public Runnable schedule(long delayNanos, Runnable task) {
            boolean[] off = new boolean[1];
            due.add(() -> {
                if (!off[0]) {
                    task.run();
                }
            });
            delays.add(delayNanos);
            return () -> {
                if (!off[0]) {
                    off[0] = true;
                    cancelled++;
                }
            };
        }

        void fire() {
            List<Runnable> now = new ArrayList<>(due);
            due.clear();
            now.forEach(Runnable::run);
        }
    }

    /** Replicas that answer when the test completes their call; reads and repairs alike. */
    private final PeerClient peers = FakePeers.members((peer, request, timeout) -> {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        calls.add(new Call(peer, request, answer));
        return answer;
    });

    private QuorumRead reads(HedgeDelay delay) {
        return new QuorumRead(self().id(), local, peers, id -> !down.contains(id), new ReadRepair(self().id(), local, peers, Runnable::run),
                new Hedging(delay, timer, nanos::get));
    }

    private PreferenceList pl(CacheSpec cache) {
        return ring.preferenceList(ring.partitionOf(KEY), cache.n());
    }

    private Member self() {
        return pl(CACHE).primaries().get(0);
    }

    private Member primary(int index) {
        return pl(CACHE.withQuorums(5, 1, 1)).primaries().get(index);
    }

    private CompletableFuture<DvvSet> read(HedgeDelay delay, CacheSpec cache) {
        return reads(delay).read(cache, pl(cache), KEY);
    }

    private List<Member> askedForReads() {
        return calls.stream().filter(c -> c.request() instanceof ReplicaRead).map(Call::to).toList();
    }

    private Call readOf(Member m) {
        return calls.stream().filter(c -> c.request() instanceof ReplicaRead && c.to().equals(m)).findFirst().orElseThrow();
    }

    private List<Member> repairedPeers() {
        return calls.stream().filter(c -> c.request() instanceof ReplicaWrite).map(Call::to).toList();
    }

    @Test
    void aGetWithR2AsksOneOtherReplicaAndIsAnsweredByItsReply() {
        CompletableFuture<DvvSet> result = read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE);

        assertThat(askedForReads()).as("the coordinator's own read counts as one").containsExactly(primary(1));
        readOf(primary(1)).state(Optional.of(V1));
        assertThat(result).isCompletedWithValue(V1);
        assertThat(timer.cancelled).as("the hedge, not needed, is cancelled").isEqualTo(1);
        timer.fire();
        assertThat(askedForReads()).as("no hedge after the answer").containsExactly(primary(1));
    }

    @Test
    void aSlowReplicaIsHedgedAfterTheDelayAndTheNextReplicasReplyAnswers() {
        CompletableFuture<DvvSet> result = read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE);
        assertThat(timer.delays).containsExactly(HEDGE_NANOS);
        assertThat(result).isNotDone();

        timer.fire();
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        readOf(primary(2)).state(Optional.empty());
        assertThat(result).as("answered while the slow replica is still silent").isCompletedWithValue(DvvSet.empty());
    }

    @Test
    void hedgesAreCountedAndAReplicaAskedBecauseOneFailedIsNot() {
        QuorumRead reads = reads(HedgeDelay.fixed(Duration.ofMillis(5)));
        reads.read(CACHE, pl(CACHE), KEY);
        readOf(primary(1)).answer().completeExceptionally(new RequestTimeoutException("no answer within 2s"));
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        assertThat(reads.hedged()).as("a replacement for a failed replica is no hedge").isZero();

        calls.clear();
        reads.read(CACHE, pl(CACHE), KEY);
        timer.fire();
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        assertThat(reads.hedged()).isEqualTo(1);
    }

    @Test
    void aReplicaThatFailsIsReplacedAtOnceWithoutWaitingForTheHedge() {
        CompletableFuture<DvvSet> result = read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE);

        readOf(primary(1)).answer().completeExceptionally(new RequestTimeoutException("no answer within 2s"));
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        readOf(primary(2)).state(Optional.of(V1));
        assertThat(result).isCompletedWithValue(V1);
    }

    @Test
    void aReplicaHeldDownIsNotAskedAndTheNextIsAskedInstead() {
        down.add(primary(1).id());
        CompletableFuture<DvvSet> result = read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE);

        assertThat(askedForReads()).containsExactly(primary(2));
        readOf(primary(2)).state(Optional.of(V1));
        assertThat(result).isCompletedWithValue(V1);
    }

    @Test
    void withHedgingOffASlowReplicaIsWaitedForAndReplacedOnlyWhenItFails() {
        CompletableFuture<DvvSet> result = read(HedgeDelay.off(), CACHE);

        assertThat(timer.delays).as("no hedge scheduled").isEmpty();
        assertThat(askedForReads()).containsExactly(primary(1));
        readOf(primary(1)).answer().completeExceptionally(new RequestTimeoutException("no answer within 2s"));
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        readOf(primary(2)).state(Optional.of(V1));
        assertThat(result).isCompletedWithValue(V1);
    }

    @Test
    void withRAsLargeAsNEveryReplicaIsAskedAtOnce() {
        CompletableFuture<DvvSet> result = read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE.withQuorums(3, 3, 2));

        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        assertThat(timer.delays).as("nobody left to hedge with").isEmpty();
        readOf(primary(1)).state(Optional.empty());
        assertThat(result).isNotDone();
        readOf(primary(2)).state(Optional.empty());
        assertThat(result).isDone();
    }

    @Test
    void aLateAnswerAfterTheQuorumIsStillComparedAndEveryStaleReplicaRepaired() {
        local.merge(CACHE.name(), pl(CACHE).partition(), KEY, V1, CACHE.policy());
        CompletableFuture<DvvSet> result = read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE);
        timer.fire();
        readOf(primary(2)).state(Optional.of(V1));
        assertThat(result).isCompletedWithValue(V1);
        assertThat(repairedPeers()).as("no repair while a replica asked has not answered").isEmpty();

        readOf(primary(1)).state(Optional.of(V2)); // the slow replica holds a newer version than the quorum saw
        assertThat(repairedPeers()).as("the hedged replica that answered with less").containsExactly(primary(2));
        assertThat(local.read(CACHE.name(), pl(CACHE).partition(), KEY)).as("the coordinator's own replica").hasValue(V2);
    }

    @Test
    void aLateAnswerWithLessThanTheQuorumSawIsRepaired() {
        local.merge(CACHE.name(), pl(CACHE).partition(), KEY, V2, CACHE.policy());
        read(HedgeDelay.fixed(Duration.ofMillis(5)), CACHE);
        timer.fire();
        readOf(primary(2)).state(Optional.of(V2));
        readOf(primary(1)).state(Optional.empty());
        assertThat(repairedPeers()).containsExactly(primary(1));
        ReplicaWrite repair = (ReplicaWrite) calls.stream().filter(c -> c.request() instanceof ReplicaWrite).findFirst().orElseThrow().request();
        assertThat(DvvSet.decode(repair.state())).isEqualTo(V2);
    }

    @Test
    void aReplicaAnsweringWithAnUnreadableStateCountsAsFailedAndTheNextIsAsked() {
        CompletableFuture<DvvSet> result = read(HedgeDelay.off(), CACHE);

        readOf(primary(1)).answer().complete(new ReplicaState(Optional.of(new byte[] {9, 9, 9})));
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        readOf(primary(2)).answer().completeExceptionally(new RequestTimeoutException("no answer within 2s"));
        assertThat(result).isCompletedExceptionally();
        assertThat(result.handle((v, e) -> e).join()).isInstanceOf(QuorumNotReachedException.class)
                .hasMessageContaining("unreadable state").hasMessageContaining("no answer within 2s");
    }

    @Test
    void withFiveReplicasEachDelayHedgesWithOneMore() {
        CacheSpec five = CACHE.withQuorums(5, 2, 2);
        CompletableFuture<DvvSet> result = reads(HedgeDelay.fixed(Duration.ofMillis(5))).read(five, pl(five), KEY);

        assertThat(askedForReads()).containsExactly(primary(1));
        timer.fire();
        assertThat(askedForReads()).containsExactly(primary(1), primary(2));
        timer.fire();
        assertThat(askedForReads()).containsExactly(primary(1), primary(2), primary(3));
        readOf(primary(3)).state(Optional.empty());
        assertThat(result).isDone();
        timer.fire();
        assertThat(askedForReads()).as("no hedge once answered").hasSize(3);
    }

    @Test
    void repliesTimeTheHedgeDelayThatFollowsTheReplicas() {
        List<Long> observed = new ArrayList<>();
        HedgeDelay recording = new HedgeDelay() {
            @Override
            public java.util.OptionalLong nanos() {
                return java.util.OptionalLong.of(HEDGE_NANOS);
            }

            @Override
            public void observe(long n) {
                observed.add(n);
            }
        };
        read(recording, CACHE);
        nanos.addAndGet(1_500_000);
        readOf(primary(1)).state(Optional.empty());
        assertThat(observed).containsExactly(1_500_000L);
    }

    private static Member member(String id, int port) {
        return new Member(new NodeId(id), "127.0.0.1", port, "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
