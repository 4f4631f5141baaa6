package io.dynamo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.Member;
import io.dynamo.transport.RequestTimeoutException;
import io.dynamo.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Routing over a preference list without sockets: each node's answer is scripted. */
class FailoverTest {
    private static final Member A = Member.parse("a@127.0.0.1:7001");
    private static final Member B = Member.parse("b@127.0.0.1:7002");
    private static final Member C = Member.parse("c@127.0.0.1:7003");
    private static final List<Member> PREFERENCE = List.of(A, B, C);

    private final List<Member> asked = new ArrayList<>();
    private final List<Member> probed = new ArrayList<>();
    private long now;
    private final Failover failover = new Failover(new Suspects(() -> now, TimeUnit.SECONDS.toNanos(1), m -> {
        probed.add(m);
        return new CompletableFuture<>(); // the probe is still out
    }));

    /** A sender where each node answers its name, or fails as scripted. */
    private Function<Member, CompletableFuture<String>> nodes(Map<Member, RuntimeException> failures) {
        return m -> {
            asked.add(m);
            RuntimeException failure = failures.get(m);
            return failure == null ? CompletableFuture.completedFuture(m.id().value()) : CompletableFuture.failedFuture(failure);
        };
    }

    private static <T> T answer(CompletableFuture<Failover.Answer<T>> f) {
        return f.orTimeout(5, TimeUnit.SECONDS).join().message();
    }

    @Test
    void theFirstNodeOfThePreferenceListCoordinatesWhenItIsReachable() {
        assertThat(answer(failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of())))).isEqualTo("a");
        assertThat(asked).containsExactly(A);
    }

    @Test
    void anUnreachableNodeIsPassedOverAndThenTriedLastUntilItAnswers() {
        assertThat(answer(failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of(A, new TransportException("connection refused")))))).isEqualTo("b");
        assertThat(asked).containsExactly(A, B);

        asked.clear();
        assertThat(answer(failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of())))).isEqualTo("b");
        assertThat(asked).as("the suspect is not asked while another node answers").containsExactly(B);
    }

    @Test
    void aTimedOutNodeIsFailedOverLikeAnUnreachableOne() {
        Failover.Answer<String> a = failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of(A, new RequestTimeoutException("no answer in 2s"))))
                .orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(a.from()).isEqualTo(B);
    }

    @Test
    void anErrorANodeSendsBackIsItsAnswerAndNoOtherNodeIsAsked() {
        DynamoException refused = new QuorumNotReachedException("1 of 2 acks");
        CompletableFuture<Failover.Answer<String>> f = failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of(A, refused)));
        assertThatThrownBy(() -> answer(f)).hasCause(refused);
        assertThat(asked).containsExactly(A);
    }

    @Test
    void aCoordinatorShortOfItsQuorumHandsAGetOrWriteOnToTheNextNode() {
        DynamoException cutOff = new QuorumNotReachedException("read quorum not reached: 1 of 2");
        CompletableFuture<Failover.Answer<String>> f = failover.send(PREFERENCE, Failover.Retry.ON_QUORUM_FAILURE, nodes(Map.of(A, cutOff)));
        assertThat(answer(f)).isEqualTo("b");
        assertThat(asked).containsExactly(A, B);
        failover.send(PREFERENCE, Failover.Retry.ON_QUORUM_FAILURE, nodes(Map.of())).join();
        assertThat(asked).as("a answered, so it is no suspect and stays first").containsExactly(A, B, A);
    }

    @Test
    void whenNoNodeCanBeReachedTheErrorNamesEveryNodeAndWhy() {
        Map<Member, RuntimeException> allDown = Map.of(A, new TransportException("refused by a"), B, new TransportException("refused by b"),
                C, new TransportException("refused by c"));
        CompletableFuture<Failover.Answer<String>> f = failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(allDown));
        Throwable failure = f.handle((a, e) -> PeerClient.unwrap(e)).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(failure).isInstanceOfSatisfying(QuorumNotReachedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.QUORUM_NOT_REACHED);
            assertThat(e.getMessage()).contains("a: refused by a", "b: refused by b", "c: refused by c");
        });
        assertThat(asked).containsExactly(A, B, C);
    }

    @Test
    void aRequestTheTransportRefusesToSendFailsTheResultInsteadOfHangingIt() {
        IllegalArgumentException tooLarge = new IllegalArgumentException("request exceeds the frame limit");
        CompletableFuture<Failover.Answer<String>> f = failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, m -> {
            throw tooLarge;
        });
        assertThatThrownBy(() -> answer(f)).hasCause(tooLarge);
    }

    @Test
    void aSuspectIsProbedOnceItsIntervalHasPassedNotOnEveryRequest() {
        failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of(A, new TransportException("refused")))).join();
        failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of())).join();
        assertThat(probed).as("no probe within the interval").isEmpty();

        now += Duration.ofMillis(1001).toNanos();
        failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of())).join();
        failover.send(PREFERENCE, Failover.Retry.ONLY_UNREACHABLE, nodes(Map.of())).join();
        assertThat(probed).as("one probe per interval, however many requests").containsExactly(A);
    }
}
