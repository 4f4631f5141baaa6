package io.dynamo.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.ring.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SuspectsTest {
    private static final Member A = Member.parse("a@127.0.0.1:7001");
    private static final Member B = Member.parse("b@127.0.0.1:7002");
    private static final Member C = Member.parse("c@127.0.0.1:7003");
    private static final long INTERVAL = 1_000;

    private long now = 5_000;
    private final List<CompletableFuture<Object>> probes = new ArrayList<>();
    private final Suspects suspects = new Suspects(() -> now, INTERVAL, m -> {
        CompletableFuture<Object> probe = new CompletableFuture<>();
        probes.add(probe);
        return probe;
    });

    @Test
    void withNoSuspectThePreferenceListIsKeptAsItIs() {
        assertThat(suspects.order(List.of(A, B, C))).containsExactly(A, B, C);
    }

    @Test
    void suspectsGoLastInTheirOwnOrder() {
        suspects.unreachable(B);
        suspects.unreachable(A);
        assertThat(suspects.order(List.of(A, B, C))).containsExactly(C, A, B);
    }

    @Test
    void aNodeThatAnswersARequestTakesItsPlaceAgain() {
        suspects.unreachable(A);
        suspects.answered(A);
        assertThat(suspects.order(List.of(A, B, C))).containsExactly(A, B, C);
    }

    @Test
    void aProbeThatIsAnsweredClearsTheSuspicion() {
        suspects.unreachable(A);
        now += INTERVAL;
        assertThat(suspects.order(List.of(A, B, C))).as("still last while the probe is out").containsExactly(B, C, A);
        assertThat(probes).hasSize(1);
        probes.get(0).complete("status");
        assertThat(suspects.order(List.of(A, B, C))).containsExactly(A, B, C);
    }

    @Test
    void aProbeThatFailsLeavesTheNodeLastUntilTheNextInterval() {
        suspects.unreachable(A);
        now += INTERVAL;
        suspects.order(List.of(A, B, C));
        probes.get(0).completeExceptionally(new RuntimeException("refused"));
        assertThat(suspects.order(List.of(A, B, C))).containsExactly(B, C, A);
        assertThat(probes).as("not probed again within the interval").hasSize(1);
        now += INTERVAL;
        suspects.order(List.of(A, B, C));
        assertThat(probes).hasSize(2);
    }

    @Test
    void beingFoundUnreachableAgainDoesNotPutTheProbeOff() {
        suspects.unreachable(A);
        now += INTERVAL / 2;
        suspects.unreachable(A);
        now += INTERVAL / 2;
        suspects.order(List.of(A, B, C));
        assertThat(probes).hasSize(1);
    }
}
