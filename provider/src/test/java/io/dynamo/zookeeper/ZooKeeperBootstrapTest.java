package io.dynamo.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.config.ClusterSettings;
import io.dynamo.config.Discovery;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.NodeDefaults;
import io.dynamo.config.NodeIdentity;
import io.dynamo.config.StorageConfig;
import io.dynamo.config.ZkAddress;
import io.dynamo.ring.Member;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node started with zk discovery makes of the seeds and settings ZooKeeper (or its saved copy) holds. */
class ZooKeeperBootstrapTest {
    private static final List<String> SEEDS = List.of("n1@127.0.0.1:7001", "n2@127.0.0.1:7002");

    private static NodeConfig zkNode(String id, int port) {
        return NodeConfig.of(new NodeIdentity("shop", Member.parse(id + "@127.0.0.1:" + port)),
                Discovery.zooKeeper(ZkAddress.parse("127.0.0.1:2181/dynamo")), StorageConfig.defaults(Path.of("target", "zk-node")));
    }

    @Test
    void aNodeListedInTheSeedsTakesThemAsTheFirstRingWithTheConfiguredQ() {
        NodeConfig resolved = ZooKeeperBootstrap.resolve(zkNode("n1", 7001), SEEDS, ClusterSettings.parse("Q=64, W=3"));
        assertThat(resolved.discovery()).isEqualTo(Discovery.members(SEEDS.stream().map(Member::parse).toList()));
        assertThat(resolved.replication().partitions()).isEqualTo(64);
    }

    @Test
    void aNodeNotInTheSeedsJoinsThroughThem() {
        NodeConfig resolved = ZooKeeperBootstrap.resolve(zkNode("n3", 7003), SEEDS, ClusterSettings.NONE);
        assertThat(resolved.discovery()).isEqualTo(Discovery.seeds(List.of(InetSocketAddress.createUnresolved("127.0.0.1", 7001),
                InetSocketAddress.createUnresolved("127.0.0.1", 7002))));
        assertThat(resolved.replication().partitions()).isEqualTo(NodeDefaults.PARTITIONS);
        assertThat(resolved.selfMember()).isEqualTo(Member.parse("n3@127.0.0.1:7003"));
    }

    @Test
    void aListedNodeAtAnotherAddressThanItListensAtIsRefused() {
        assertThatThrownBy(() -> ZooKeeperBootstrap.resolve(zkNode("n1", 7009), SEEDS, ClusterSettings.NONE))
                .hasMessage("listen 127.0.0.1:7009 differs from this node's entry in members (127.0.0.1:7001)");
    }

    @Test
    void withoutSeedsTheNodeIsRefusedWithWhereItLooked() {
        assertThatThrownBy(() -> ZooKeeperBootstrap.resolve(zkNode("n1", 7001), List.of(), ClusterSettings.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no seeds for cluster 'shop' in ZooKeeper 127.0.0.1:2181/dynamo (znode /CLUSTER/seeds, ID@HOST:PORT,...)"
                        + " and none saved in " + Path.of("target", "zk-node"));
    }
}
