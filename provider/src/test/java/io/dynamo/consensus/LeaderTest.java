package io.dynamo.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynamo.consensus.ConsensusMessage.Accepted;
import io.dynamo.consensus.ConsensusMessage.Prepare;
import io.dynamo.consensus.ConsensusMessage.Propose;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.replica.LocalReplica;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.TransportException;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.Sibling;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaders over three in-process acceptors (in-memory replicas and Paxos stores), with requests and
 * replies that can be lost: the in-progress rule, request identity on retry, preemption, and the
 * majority the round needs. The network path is covered by ConditionalOperationsJepsenTest.
 */
class LeaderTest {
    private static final String CACHE = "c";
    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final List<LocalReplica> replicas = new ArrayList<>();
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(4);

    LeaderTest() {
        for (int i = 0; i < 3; i++) {
            LocalReplica replica = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100);
            replicas.add(replica);
            acceptors.add(new Acceptor(new PaxosStore(StorageEngines.memory(EngineOptions.defaults())), replica));
        }
    }

    @AfterEach
    void stop() {
        delays.shutdownNow();
    }

    @Test
    void leadersRacingPutIfAbsentOnOneKeyHaveExactlyOneWinner() throws Exception {
        Random seeded = new Random(1207);
        List<CompletableFuture<Decision>> rounds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Leader leader = leader("n" + i);
            rounds.add(leader.lead(putIfAbsent("n" + i, "v" + i), new Fake(seeded.nextLong())));
        }
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            if (rounds.get(i).get(10, TimeUnit.SECONDS).applied()) {
                winners.add("v" + i);
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(valuesAt(0, 1)).containsExactly(winners.get(0));
    }

    @Test
    void aProposalAcceptedByOneReplicaOnlyIsFinishedByTheNextLeaderBeforeItDecidesAnything() throws Exception {
        Fake onlyFirstAccepts = new Fake(1).losingRequests((replica, m) -> m instanceof Propose && replica > 0);
        assertThatThrownBy(() -> leader("a").lead(putIfAbsent("a", "from-a"), onlyFirstAccepts).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QuorumNotReachedException.class).hasMessageContaining("may still be applied");
        assertThat(valuesAt(0, 1, 2)).as("accepted is not written").isEmpty();

        Fake thirdDown = new Fake(2).down(2);
        Decision b = leader("b").lead(putIfAbsent("b", "from-b"), thirdDown).get(5, TimeUnit.SECONDS);
        assertThat(b.applied()).as("b found a's value, finished by b's round").isFalse();
        assertThat(valuesAt(0, 1)).containsExactly("from-a");
    }

    @Test
    void aRetryWhoseFirstAttemptWasChosenButNeverAnsweredReportsItsOwnWinAndWritesOnce() throws Exception {
        Round request = putIfAbsent("a", "once");
        Fake repliesLost = new Fake(3).losingReplies((replica, m) -> m instanceof Accepted);
        assertThatThrownBy(() -> leader("a").lead(request, repliesLost).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QuorumNotReachedException.class);

        Decision retry = leader("b").lead(request, new Fake(4)).get(5, TimeUnit.SECONDS);
        assertThat(retry.applied()).as("the retry's own earlier proposal, finished").isTrue();
        assertThat(valuesAt(0, 1, 2)).containsExactly("once");
        // The round answers after a majority of commits: replica 0's may still be on its way.
        await("replica 0 committed").atMost(Duration.ofSeconds(5)).until(() -> !siblingsAt(0).isEmpty());
        assertThat(siblingsAt(0)).as("one version, not two").hasSize(1);
        assertThat(leader("c").lead(putIfAbsent("c", "other"), new Fake(5)).get(5, TimeUnit.SECONDS).applied()).isFalse();
    }

    @Test
    void aRetryAfterACommittedWinReportsAppliedWithoutWritingAgain() throws Exception {
        Round request = putIfAbsent("a", "once");
        assertThat(leader("a").lead(request, new Fake(6)).get(5, TimeUnit.SECONDS).applied()).isTrue();
        // The round answers after a majority of commits: the third is still on its way.
        await("every replica committed").atMost(Duration.ofSeconds(5))
                .until(() -> valuesAt(0).size() + valuesAt(1).size() + valuesAt(2).size() == 3);
        byte[] before = replicas.get(0).read(CACHE, 0, KEY).orElseThrow().encode();

        Decision retry = leader("b").lead(request, new Fake(7)).get(5, TimeUnit.SECONDS);
        assertThat(retry.applied()).isTrue();
        assertThat(replicas.get(0).read(CACHE, 0, KEY).orElseThrow().encode()).as("nothing written again").isEqualTo(before);
    }

    @Test
    void withoutAMajorityOfTheKeysReplicasTheRoundFailsAndWritesNothing() {
        Fake twoDown = new Fake(8).down(1).down(2);
        assertThatThrownBy(() -> leader("a").lead(putIfAbsent("a", "v"), twoDown).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QuorumNotReachedException.class)
                .hasMessageContaining("needs 2 of the key's 3 replicas").hasMessageContaining("nothing was written");
        assertThat(valuesAt(0, 1, 2)).isEmpty();
    }

    @Test
    void aLeaderRefusedByANewerPromiseRetriesAboveIt() throws Exception {
        Ballot ahead = new Ballot(clock.get() + 1_000_000, "z");
        for (Acceptor a : acceptors) {
            assertThat(a.prepare(new Prepare(CACHE, 0, KEY, ahead, new byte[16])).granted()).isTrue();
        }
        Leader leader = leader("a");
        assertThat(leader.lead(putIfAbsent("a", "v"), new Fake(9)).get(5, TimeUnit.SECONDS).applied()).isTrue();
        assertThat(leader.nextBallot().isAfter(ahead)).isTrue();
    }

    @Test
    void aPromiseAndAnAcceptanceSurviveARestartOfTheAcceptor(@TempDir Path dir) {
        Ballot promised = new Ballot(500, "b");
        try (StorageEngine engine = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            Acceptor acceptor = new Acceptor(new PaxosStore(engine), replicas.get(0));
            acceptor.prepare(new Prepare(CACHE, 0, KEY, promised, new byte[16]));
            assertThat(acceptor.propose(new Propose(CACHE, 0, KEY, new Proposal(promised, new byte[16], DvvSet.empty().encode())))
                    .granted()).isTrue();
        }
        try (StorageEngine engine = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            Acceptor restarted = new Acceptor(new PaxosStore(engine), replicas.get(0));
            ConsensusMessage.Promise lower = restarted.prepare(new Prepare(CACHE, 0, KEY, new Ballot(400, "a"), new byte[16]));
            assertThat(lower.granted()).isFalse();
            assertThat(lower.promised()).isEqualTo(promised);
            assertThat(restarted.prepare(new Prepare(CACHE, 0, KEY, new Ballot(600, "a"), new byte[16])).accepted())
                    .as("the in-progress proposal, still there").map(Proposal::ballot).contains(promised);
        }
    }

    private Leader leader(String node) {
        return new Leader(node, clock::incrementAndGet, new SplittableRandom(node.hashCode()));
    }

    /** Creates the key with {@code value} if a majority's state has no value; the request id is the leader's name. */
    private Round putIfAbsent(String leader, String value) {
        return new Round(CACHE, 0, KEY, ConflictPolicy.LAST_WRITE_WINS, requestId(leader), DEADLINE, merged -> merged.values().isEmpty()
                ? Optional.of(merged.put(merged.context(), leader + "/cas", clock.incrementAndGet(), value.getBytes(StandardCharsets.UTF_8)))
                : Optional.empty());
    }

    /** The distinct values the given replicas store. */
    private Set<String> valuesAt(int... indexes) {
        Set<String> out = new HashSet<>();
        for (int i : indexes) {
            replicas.get(i).read(CACHE, 0, KEY).ifPresent(s -> s.values().forEach(v -> out.add(new String(v.value(), StandardCharsets.UTF_8))));
        }
        return out;
    }

    private List<Sibling> siblingsAt(int index) {
        return replicas.get(index).read(CACHE, 0, KEY).map(DvvSet::siblings).orElse(List.of());
    }

    /** A 16-byte request id made from a name. */
    private static byte[] requestId(String name) {
        return Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 16);
    }

    /** The three acceptors, reached after a seeded random delay, some down, some requests or replies lost. */
    private final class Fake implements RoundReplicas {
        private final Random random;
        private final Set<Integer> down = new HashSet<>();
        private BiPredicate<Integer, Message> lostRequest = (i, m) -> false;
        private BiPredicate<Integer, Message> lostReply = (i, m) -> false;

        Fake(long seed) {
            this.random = new Random(seed);
        }

        Fake down(int replica) {
            down.add(replica);
            return this;
        }

        Fake losingRequests(BiPredicate<Integer, Message> lost) {
            this.lostRequest = lost;
            return this;
        }

        Fake losingReplies(BiPredicate<Integer, Message> lost) {
            this.lostReply = lost;
            return this;
        }

        @Override
        public int size() {
            return acceptors.size();
        }

        @Override
        public String name(int index) {
            return "r" + index;
        }

        @Override
        public CompletableFuture<Message> send(int index, ConsensusMessage request) {
            if (down.contains(index) || lostRequest.test(index, request)) {
                return CompletableFuture.failedFuture(new TransportException("r" + index + " unreachable"));
            }
            long delay;
            synchronized (random) {
                delay = random.nextInt(3);
            }
            CompletableFuture<Message> reply = new CompletableFuture<>();
            delays.schedule(() -> {
                try {
                    Message answer = acceptors.get(index).answer(request);
                    if (lostReply.test(index, answer)) {
                        reply.completeExceptionally(new TransportException("reply of r" + index + " lost"));
                    } else {
                        reply.complete(answer);
                    }
                } catch (RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            }, delay, TimeUnit.MILLISECONDS);
            return reply;
        }
    }
}
