package io.dynamo.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The acceptor's rules, as pure functions of its per-key state, and the ballot order they rest on. */
class PaxosStateTest {
    private static final Ballot B1 = new Ballot(100, "a");
    private static final Ballot B2 = new Ballot(100, "b");
    private static final Ballot B3 = new Ballot(101, "a");

    @Test
    void ballotsOrderByTimeThenNode() {
        assertThat(B2.isAfter(B1)).as("same time, node breaks the tie").isTrue();
        assertThat(B3.isAfter(B2)).as("later time wins whatever the node").isTrue();
        assertThat(B1.isAfter(Ballot.NONE)).isTrue();
        assertThat(B1.isAfter(new Ballot(100, "a"))).as("a ballot is not after itself").isFalse();
    }

    @Test
    void aPrepareIsGrantedOnlyAboveEveryBallotPromised() {
        PaxosState promised = PaxosState.EMPTY.prepare(B2).orElseThrow();
        assertThat(promised.promised()).isEqualTo(B2);
        assertThat(promised.prepare(B2)).as("the same ballot again").isEmpty();
        assertThat(promised.prepare(B1)).as("a lower ballot").isEmpty();
        assertThat(promised.prepare(B3)).map(PaxosState::promised).contains(B3);
    }

    @Test
    void aProposalIsAcceptedUnlessANewerBallotWasPromisedSince() {
        PaxosState promised = PaxosState.EMPTY.prepare(B2).orElseThrow();
        assertThat(promised.accept(proposal(B1, "old"))).as("a leader preempted after its prepare").isEmpty();
        PaxosState accepted = promised.accept(proposal(B2, "mine")).orElseThrow();
        assertThat(accepted.accepted()).contains(proposal(B2, "mine"));
        assertThat(promised.accept(proposal(B3, "newer"))).as("a ballot above the promise is accepted too")
                .map(PaxosState::promised).contains(B3);
    }

    @Test
    void aCommitEndsTheInProgressProposalItCoversAndRemembersItsRequest() {
        PaxosState accepted = PaxosState.EMPTY.accept(proposal(B2, "r1")).orElseThrow();
        PaxosState committed = accepted.commit(proposal(B2, "r1"));
        assertThat(committed.accepted()).isEmpty();
        assertThat(committed.committed()).isEqualTo(B2);
        assertThat(committed.remembers(id("r1"))).isTrue();
        assertThat(committed.remembers(id("r2"))).isFalse();
    }

    @Test
    void aLateCommitOfAnOlderBallotKeepsTheNewerProposalInProgress() {
        PaxosState accepted = PaxosState.EMPTY.accept(proposal(B3, "r2")).orElseThrow();
        PaxosState late = accepted.commit(proposal(B1, "r1"));
        assertThat(late.accepted()).contains(proposal(B3, "r2"));
        assertThat(late.committed()).isEqualTo(B1);
        assertThat(late.commit(proposal(B3, "r2")).committed()).as("never moves back").isEqualTo(B3);
        assertThat(late.commit(proposal(B3, "r2")).commit(proposal(B1, "r1")).committed()).isEqualTo(B3);
    }

    @Test
    void theLastSixteenCommittedRequestsAreRemembered() {
        PaxosState state = PaxosState.EMPTY;
        for (int i = 0; i < PaxosState.RECENT + 1; i++) {
            state = state.commit(proposal(new Ballot(200 + i, "a"), "r" + i));
        }
        assertThat(state.recentRequests()).hasSize(PaxosState.RECENT);
        assertThat(state.remembers(id("r0"))).as("the oldest is forgotten").isFalse();
        assertThat(state.remembers(id("r1"))).isTrue();
        assertThat(state.remembers(id("r" + PaxosState.RECENT))).isTrue();
    }

    @Test
    void theStateSurvivesEncoding() {
        PaxosState state = PaxosState.EMPTY.accept(proposal(B1, "r1")).orElseThrow().commit(proposal(B1, "r1"))
                .accept(proposal(B3, "r2")).orElseThrow();
        PaxosState decoded = PaxosState.decode(state.encode());
        assertThat(decoded.promised()).isEqualTo(B3);
        assertThat(decoded.accepted()).contains(proposal(B3, "r2"));
        assertThat(decoded.committed()).isEqualTo(B1);
        assertThat(decoded.remembers(id("r1"))).isTrue();
        assertThat(PaxosState.decode(PaxosState.EMPTY.encode()).accepted()).isEqualTo(Optional.empty());
    }

    private static Proposal proposal(Ballot ballot, String request) {
        return new Proposal(ballot, id(request), ("state of " + request).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] id(String request) {
        return request.getBytes(StandardCharsets.UTF_8);
    }
}
