package io.dynamo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeArgsTest {
    @Test
    void aNodesOwnOptionReplacesTheClusterWideOneOfTheSameName() {
        List<String> merged = NodeArgs.merge(List.of("--anti-entropy-interval", "0", "--hinted-handoff", "off"),
                List.of("--anti-entropy-interval", "2s"));
        assertThat(merged).containsExactly("--hinted-handoff", "off", "--anti-entropy-interval", "2s");
    }

    @Test
    void optionsThatDoNotComeInPairsAreRefusedNamingThem() {
        assertThatThrownBy(() -> NodeArgs.merge(List.of("--hinted-handoff"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs").hasMessageContaining("--hinted-handoff");
        assertThatThrownBy(() -> NodeArgs.merge(List.of(), List.of("off", "--hinted-handoff")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'off'");
    }

    @Test
    void aNodeWithSeedsJoinsInsteadOfBeingAStaticMember() {
        assertThat(NodeArgs.joins(List.of("--seeds", "127.0.0.1:7001"))).isTrue();
        assertThat(NodeArgs.joins(List.of("--engine", "memory"))).isFalse();
        // A value is no option name: a node whose data directory is called --seeds is still a member.
        assertThat(NodeArgs.joins(List.of("--data-dir", "--seeds"))).isFalse();
    }

    @Test
    void aNodeOfZooKeeperIsAStaticMemberThatTakesTheMembersFromThere() {
        List<String> zk = List.of("--zk", "127.0.0.1:2181/dynamo");
        assertThat(NodeArgs.joins(zk)).isFalse();
        assertThat(NodeArgs.needsMembers(zk)).isFalse();
        assertThat(NodeArgs.needsMembers(List.of("--seeds", "127.0.0.1:7001"))).isFalse();
        assertThat(NodeArgs.needsMembers(List.of("--engine", "memory"))).isTrue();
    }
}
