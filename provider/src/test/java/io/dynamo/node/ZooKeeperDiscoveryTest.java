package io.dynamo.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.config.Discovery;
import io.dynamo.config.EngineKind;
import io.dynamo.config.MembershipConfig;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.NodeDefaults;
import io.dynamo.config.NodeIdentity;
import io.dynamo.config.StorageConfig;
import io.dynamo.config.ZkAddress;
import io.dynamo.ring.Member;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any caller of {@link DynamoNode#start} gets the ZooKeeper bootstrap, not only {@code bin/dynamo
 * node}: with ZooKeeper down, a node starts from the seeds and config saved in its data directory.
 */
class ZooKeeperDiscoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void withZooKeeperDownANodeStartsFromTheSeedsAndQItSavedLast() throws IOException {
        Member self = Member.parse("n1@127.0.0.1:" + freePort());
        Files.writeString(dataDir.resolve("zk-seeds"), self.spec());
        Files.writeString(dataDir.resolve("zk-config"), "Q=64\n");
        ZkAddress down = ZkAddress.parse("127.0.0.1:" + freePort() + "/dynamo");
        NodeConfig config = NodeConfig.of(new NodeIdentity("shop", self), Discovery.zooKeeper(down),
                        StorageConfig.defaults(dataDir).withEngine(EngineKind.MEMORY))
                .with(new MembershipConfig(NodeDefaults.GOSSIP_INTERVAL, NodeDefaults.BOOTSTRAP_TIMEOUT, Duration.ofMillis(300)));
        try (DynamoNode node = DynamoNode.start(config)) {
            assertThat(node.ring().partitionCount()).isEqualTo(64);
            assertThat(node.ring().members()).containsExactly(self);
            assertThat(node.config().discovery().members()).containsExactly(self);
        }
    }

    /** A loopback port free now (bound, then released). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
