package io.dynamo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {
    @Test
    void fixedPortsCountUpFromTheBasePortWithNodesNamedN1N2N3() {
        ClusterLayout layout = ClusterLayout.onPorts("bench", 3, "127.0.0.1", 17701);
        assertThat(layout.seeds()).isEqualTo("127.0.0.1:17701,127.0.0.1:17702,127.0.0.1:17703");
        assertThat(layout.node(2).member()).isEqualTo("n3@127.0.0.1:17703");
    }

    @Test
    void portsBeyondTheTcpRangeAreRefused() {
        assertThatThrownBy(() -> ClusterLayout.onPorts("bench", 3, "127.0.0.1", 65_534))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65534..65536");
        assertThatThrownBy(() -> ClusterLayout.onPorts("bench", 0, "127.0.0.1", 7001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freePortsAreDistinctAndOnEachNodesOwnHost() {
        ClusterLayout layout = ClusterLayout.onFreePorts("it", 8, i -> "127.0.0." + (1 + i % 2));
        Set<Integer> ports = new HashSet<>();
        for (NodeAddress node : layout.nodes()) {
            ports.add(node.port());
        }
        assertThat(ports).hasSize(8);
        assertThat(layout.node(1).host()).isEqualTo("127.0.0.2");
    }
}
