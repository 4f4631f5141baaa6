package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.rebalance.ChangeClaims.Claim;
import io.dynamo.rebalance.ChangeClaims.Vote;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The vote a node gives a ring change: one planner at a time, and only from the ring this node holds. */
class ChangeClaimsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Claim JOIN_AT_N1 = new Claim("join of n5@127.0.0.1:7005", "n1", 7);
    private static final Claim LEAVE_AT_N2 = new Claim("leave of n4", "n2", 7);

    private final ChangeClaims votes = new ChangeClaims("n3", Duration.ofSeconds(60));

    @Test
    void aSecondPlannerOfTheSameRingIsRefusedWithTheChangeThatHoldsIt() {
        assertThat(votes.claim(JOIN_AT_N1, 7, 0).granted()).isTrue();
        Vote second = votes.claim(LEAVE_AT_N2, 7, SECOND);
        assertThat(second.granted()).isFalse();
        assertThat(second.reason()).isEqualTo("another change is in progress: join of n5@127.0.0.1:7005 planned at n1 from ring epoch 7;"
                + " try again once it is done");
    }

    @Test
    void theSameChangeRetriedAtAnotherNodeIsRefusedAsTheSameChange() {
        votes.claim(JOIN_AT_N1, 7, 0);
        Vote retry = votes.claim(new Claim(JOIN_AT_N1.what(), "n2", 7), 7, SECOND);
        assertThat(retry.granted()).isFalse();
        assertThat(retry.reason()).contains("the same change, started there");
    }

    @Test
    void theHolderRenewsItsClaimWhileItsRingMovesOn() {
        votes.claim(JOIN_AT_N1, 7, 0);
        assertThat(votes.claim(JOIN_AT_N1, 30, 50 * SECOND).granted()).isTrue();
        // Renewed at 50 s: still held at 100 s, past the first lease.
        assertThat(votes.claim(LEAVE_AT_N2, 30, 100 * SECOND).granted()).isFalse();
    }

    @Test
    void aPlanFromAnOlderRingThanThisNodeHoldsIsRefused() {
        Vote stale = votes.claim(LEAVE_AT_N2, 8, 0);
        assertThat(stale.granted()).isFalse();
        assertThat(stale.reason()).isEqualTo("the ring changed since leave of n4 was planned (planned from epoch 7, n3 holds epoch 8): plan it again");
        assertThat(votes.claim(LEAVE_AT_N2, 7, 0).granted()).as("nothing held after a refusal").isTrue();
    }

    @Test
    void aReleasedOrExpiredClaimFreesTheVote() {
        votes.claim(JOIN_AT_N1, 7, 0);
        votes.release(JOIN_AT_N1);
        assertThat(votes.claim(LEAVE_AT_N2, 7, SECOND).granted()).isTrue();
        // n2's claim is never renewed: after its lease n1 may plan again.
        assertThat(votes.claim(JOIN_AT_N1, 7, 62 * SECOND).granted()).isTrue();
    }

    @Test
    void aReleaseOfAnotherClaimLeavesTheHolderInPlace() {
        votes.claim(JOIN_AT_N1, 7, 0);
        votes.release(LEAVE_AT_N2);
        assertThat(votes.claim(LEAVE_AT_N2, 7, SECOND).granted()).isFalse();
    }

    @Test
    void aRestartedPlannerReplacesItsOwnEarlierClaim() {
        votes.claim(JOIN_AT_N1, 7, 0);
        assertThat(votes.claim(new Claim(JOIN_AT_N1.what(), "n1", 9), 9, SECOND).granted()).isTrue();
        assertThat(votes.claim(LEAVE_AT_N2, 9, 2 * SECOND).granted()).isFalse();
    }
}
