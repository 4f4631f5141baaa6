package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeds and settings from ZooKeeper (bin/dynamo zk), with node processes started with --zk only:
 * a change of W in ZooKeeper is in force on every node within seconds, and ZooKeeper's death
 * changes nothing for traffic, not even for a node restarted meanwhile.
 */
class ZooKeeperTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("zk", ConflictPolicy.SIBLINGS); // the client asks W=2

    // Started by the test, once ZooKeeper holds the seeds; every node takes them from there (--zk).
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).startedByTest().build();

    private ZooKeeperProcess zk;
    private DynamoClient client;
    private CuratorFramework curator;

    @AfterEach
    void stop() {
        if (curator != null) {
            curator.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void aChangeOfWReachesEveryNodeWithinSecondsAndStoppingZooKeeperChangesNothingForTraffic() throws Exception {
        zk = ZooKeeperProcess.start(cluster.workDir().resolve("zookeeper"));
        for (int i = 0; i < 3; i++) {
            cluster.nodeArgs(i, "--zk", zk.connectString() + "/dynamo");
        }
        curator = CuratorFrameworkFactory.newClient(zk.connectString(), new RetryOneTime(200));
        curator.start();
        String set = BinDynamo.run("admin", "zk-config", "--zk", zk.connectString() + "/dynamo", "--cluster", cluster.name(),
                "--set-seeds", cluster.members(), "--set-config", "W=2,Q=64");
        assertThat(set).startsWith("0\n").contains("seeds:  " + cluster.members()).contains("config: W=2,Q=64");
        cluster.startAll();
        client = cluster.client();
        assertThat(client.ring().partitionCount()).as("Q from ZooKeeper").isEqualTo(64);
        assertThat(client.ring().members()).hasSize(3);

        cluster.kill(2);
        byte[] atN1 = keyCoordinatedBy("n1");
        byte[] atN2 = keyCoordinatedBy("n2");
        await("W=2 writes with one node down").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            put(atN1, "a");
            put(atN2, "a");
        });

        curator.setData().forPath("/dynamo/" + cluster.name() + "/config", bytes("W=3\nQ=64\n"));
        await("W=3 in force on n1 and n2").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThatThrownBy(() -> put(atN1, "b")).isInstanceOf(QuorumNotReachedException.class).hasMessageContaining("3 required");
            assertThatThrownBy(() -> put(atN2, "b")).isInstanceOf(QuorumNotReachedException.class).hasMessageContaining("3 required");
        });
        curator.setData().forPath("/dynamo/" + cluster.name() + "/config", bytes("W=2\nQ=64\n"));
        await("W=2 back in force").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            put(atN1, "c");
            put(atN2, "c");
        });
        cluster.start(2);

        zk.kill();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            put(bytes("after-zk-" + i), "v" + i);
            written.add("after-zk-" + i);
        }
        // A node restarted while ZooKeeper is down comes back on the seeds it saw last.
        cluster.terminate(1);
        cluster.start(1);
        assertThat(Files.readString(cluster.log(1))).contains("not reachable");
        for (int i = 0; i < 100; i++) {
            put(bytes("after-restart-" + i), "w" + i);
        }
        for (String key : written) {
            assertThat(client.get(CACHE, bytes(key)).values()).hasSize(1);
        }
        assertThat(cluster.admin().status()).allMatch(s -> s.up());
    }

    private void put(byte[] key, String value) {
        client.put(CACHE, key, Context.empty(), bytes(value));
    }

    /** A key whose preference list starts with {@code id}: the client sends it there, so {@code id} coordinates. */
    private byte[] keyCoordinatedBy(String id) {
        Ring ring = client.ring();
        for (int i = 0; ; i++) {
            byte[] key = bytes("key-" + id + "-" + i);
            if (ring.preferenceList(ring.partitionOf(key), 3).primaries().get(0).id().value().equals(id)) {
                return key;
            }
        }
    }
}
