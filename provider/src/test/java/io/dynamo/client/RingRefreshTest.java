package io.dynamo.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RingRefreshTest {
    private static final Member A = Member.parse("a@127.0.0.1:7001");
    private static final Member B = Member.parse("b@127.0.0.1:7002");
    private static final Member D = Member.parse("d@127.0.0.1:7004");
    private static final Ring FIRST = Ring.create(16, List.of(A, B));
    private static final Ring JOINED = FIRST.join(D);

    private final List<Member> askedFrom = new ArrayList<>();
    private final List<CompletableFuture<Ring>> fetches = new ArrayList<>();
    private final RingRefresh refresh = new RingRefresh(FIRST, m -> {
        askedFrom.add(m);
        CompletableFuture<Ring> f = new CompletableFuture<>();
        fetches.add(f);
        return f;
    });

    @Test
    void anAnswerWithANewerEpochFetchesTheRingFromTheNodeThatGaveIt() {
        refresh.seen(JOINED.epoch(), B);
        assertThat(askedFrom).containsExactly(B);
        fetches.get(0).complete(JOINED);
        assertThat(refresh.current()).isSameAs(JOINED);
    }

    @Test
    void anAnswerAtOurEpochOrWithoutOneFetchesNothing() {
        refresh.seen(FIRST.epoch(), A);
        refresh.seen(-1, A);
        assertThat(askedFrom).isEmpty();
        assertThat(refresh.current()).isSameAs(FIRST);
    }

    @Test
    void oneFetchAtATimeHoweverManyAnswersShowTheNewerEpoch() {
        refresh.seen(JOINED.epoch(), A);
        refresh.seen(JOINED.epoch(), B);
        assertThat(fetches).hasSize(1);
        fetches.get(0).complete(JOINED);
        refresh.seen(JOINED.epoch() + 1, B);
        assertThat(fetches).as("a later epoch is fetched once the first fetch is done").hasSize(2);
    }

    @Test
    void aFailedFetchKeepsTheRingAndTheNextNewerAnswerTriesAgain() {
        refresh.seen(JOINED.epoch(), A);
        fetches.get(0).completeExceptionally(new RuntimeException("refused"));
        assertThat(refresh.current()).isSameAs(FIRST);
        refresh.seen(JOINED.epoch(), B);
        assertThat(askedFrom).containsExactly(A, B);
    }

    @Test
    void aFetchedRingOlderThanTheOneHeldIsNotTaken() {
        RingRefresh atJoined = new RingRefresh(JOINED, m -> CompletableFuture.completedFuture(FIRST));
        atJoined.seen(JOINED.epoch() + 1, A);
        assertThat(atJoined.current()).isSameAs(JOINED);
    }
}
