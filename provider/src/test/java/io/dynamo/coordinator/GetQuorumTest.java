package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GetQuorumTest {
    private static final DvvSet V1 = DvvSet.empty().put(VersionVector.empty(), "a", 1, bytes("v1"));
    private static final DvvSet V2 = V1.put(V1.context(), "a", 2, bytes("v2"));

    @Test
    void answersAtRRepliesWithTheNewestVersion() {
        GetQuorum q = new GetQuorum(2, 3);
        assertThat(q.reply("a", Optional.of(V2))).isEqualTo(QuorumOutcome.WAITING);
        assertThat(q.reply("b", Optional.of(V1))).isEqualTo(QuorumOutcome.REACHED);
        assertThat(q.merged()).isEqualTo(V2);
        assertThat(q.merged().values()).hasSize(1);
    }

    @Test
    void staleAndMissingReplicasAreMarkedForReadRepair() {
        GetQuorum q = new GetQuorum(2, 3);
        q.reply("a", Optional.of(V2));
        q.reply("b", Optional.of(V1));
        q.reply("c", Optional.empty());
        assertThat(q.pending()).isZero();
        assertThat(q.staleReplicas()).containsExactly("b", "c");
    }

    @Test
    void concurrentVersionsFromTwoReplicasAreBothReturned() {
        DvvSet other = DvvSet.empty().put(VersionVector.empty(), "b", 1, bytes("w"));
        GetQuorum q = new GetQuorum(2, 3);
        q.reply("a", Optional.of(V1));
        q.reply("b", Optional.of(other));
        assertThat(q.merged().values()).hasSize(2);
        assertThat(q.staleReplicas()).containsExactly("a", "b");
    }

    @Test
    void failsWhenTooFewCanStillAnswer() {
        GetQuorum q = new GetQuorum(2, 3);
        q.reply("a", Optional.empty());
        assertThat(q.fail("b", "refused")).isEqualTo(QuorumOutcome.WAITING);
        assertThat(q.fail("c", "timed out")).isEqualTo(QuorumOutcome.FAILED);
        assertThat(q.describe()).contains("1 of 2").contains("b (refused)");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
