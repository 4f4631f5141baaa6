package io.dynamo.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynamo.config.ZkAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client's view of a cluster in ZooKeeper: the seeds follow the znode, and the last seen stand in this process once it is gone. */
class ZooKeeperSeedsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void seedsFollowTheZnodeAndTheLastSeenStandForANewClientWhileZooKeeperIsDown(@TempDir Path dir) throws Exception {
        int port = freePort();
        String cluster = "seeds-" + port; // what a client saw is kept per process: a name of this test only
        ZkAddress address = ZkAddress.parse("127.0.0.1:" + port + "/dynamo");
        ZkClusterUri uri = ZkClusterUri.parse("zk://127.0.0.1:" + port + "/dynamo/" + cluster);
        EmbeddedZooKeeper server = EmbeddedZooKeeper.start("127.0.0.1", port, dir, PATIENCE);
        try {
            ZooKeeperDirectory.write(address, cluster, Optional.of("n1@127.0.0.1:7001"), Optional.of("W=3,timeout=3s"), PATIENCE);
            try (ZooKeeperSeeds seeds = ZooKeeperSeeds.open(uri, PATIENCE)) {
                assertThat(ports(seeds)).containsExactly(7001);
                assertThat(seeds.settings().w()).hasValue(3);
                assertThat(seeds.settings().timeout()).hasValue(Duration.ofSeconds(3));

                ZooKeeperDirectory.write(address, cluster, Optional.of("n1@127.0.0.1:7001,n4@127.0.0.1:7004"), Optional.empty(), PATIENCE);
                await("the new seed seen without reopening").atMost(Duration.ofSeconds(15)).until(() -> ports(seeds).size() == 2);
                server.close();
                assertThat(ports(seeds)).containsExactly(7001, 7004);
            }
        } finally {
            server.close();
        }
        try (ZooKeeperSeeds again = ZooKeeperSeeds.open(uri, Duration.ofMillis(500))) {
            assertThat(ports(again)).as("seeds seen last, ZooKeeper down").containsExactly(7001, 7004);
            assertThat(again.settings().w()).hasValue(3);
        }
        try (ZooKeeperSeeds never = ZooKeeperSeeds.open(ZkClusterUri.parse("zk://127.0.0.1:" + port + "/dynamo/never-" + port),
                Duration.ofMillis(500))) {
            assertThatThrownBy(never::addresses).isInstanceOf(IllegalStateException.class).hasMessageContaining("none seen before");
        }
    }

    @Test
    void serversMaySeparateBySemicolonsAndTheFormIsNamedWhenMalformed() {
        ZkClusterUri uri = ZkClusterUri.parse("zk://127.0.0.1:2181;127.0.0.2:2182/dyn/shop");
        assertThat(uri.address().connectString()).isEqualTo("127.0.0.1:2181,127.0.0.2:2182");
        assertThat(uri.address().root()).isEqualTo("dyn");
        assertThat(uri.cluster()).isEqualTo("shop");
        assertThatThrownBy(() -> ZkClusterUri.parse("zk://127.0.0.1:2181/shop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected zk://host:port[,host:port]/ROOT/CLUSTER").hasMessageContaining("/ROOT/CLUSTER, got '/shop'");
        assertThatThrownBy(() -> ZkClusterUri.parse("zk://a b/x/y")).hasMessageContaining("expected zk://host:port[,host:port]/ROOT/CLUSTER");
    }

    private static List<Integer> ports(ZooKeeperSeeds seeds) {
        return seeds.addresses().stream().map(InetSocketAddress::getPort).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
