package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PutQuorumTest {
    @Test
    void reachedAtWAcknowledgements() {
        PutQuorum q = new PutQuorum(2, 3);
        assertThat(q.ack("a")).isEqualTo(QuorumOutcome.WAITING);
        assertThat(q.ack("b")).isEqualTo(QuorumOutcome.REACHED);
        assertThat(q.fail("c", "down")).isEqualTo(QuorumOutcome.REACHED);
    }

    @Test
    void oneFailureOfThreeStillLeavesW2Reachable() {
        PutQuorum q = new PutQuorum(2, 3);
        assertThat(q.ack("a")).isEqualTo(QuorumOutcome.WAITING);
        assertThat(q.fail("b", "connection refused")).isEqualTo(QuorumOutcome.WAITING);
        assertThat(q.ack("c")).isEqualTo(QuorumOutcome.REACHED);
    }

    @Test
    void failsAsSoonAsWCannotBeMetAndSaysWho() {
        PutQuorum q = new PutQuorum(2, 3);
        q.ack("a");
        assertThat(q.fail("b", "connection refused")).isEqualTo(QuorumOutcome.WAITING);
        assertThat(q.fail("c", "timed out")).isEqualTo(QuorumOutcome.FAILED);
        assertThat(q.describe()).contains("1 of 2").contains("[a]").contains("b (connection refused)").contains("c (timed out)");
    }

    @Test
    void impossibleQuorumIsRefused() {
        assertThatThrownBy(() -> new PutQuorum(4, 3)).hasMessageContaining("W=4");
    }
}
