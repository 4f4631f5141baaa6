package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cache whose N (5) is larger than the node-wide default of 3 (paper §4.3: each key is
 * replicated at the N nodes of its preference list): a join gives every new replica of rank 4 or
 * 5 its data (§4.9), and a tombstone is purged only once all five replicas hold it, so a delete
 * two stopped replicas missed does not come back when they return (DESIGN decision 8).
 */
class LargeReplicaCountTest {
    private static final CacheSpec FIVE = new CacheSpec("five", 5, 3, 3, ConflictPolicy.SIBLINGS, Duration.ofSeconds(5));
    private static final CacheSpec ALL_FIVE = FIVE.withQuorums(5, 5, 5);
    private static final Duration GRACE = Duration.ofSeconds(2);

    // n6 starts with --seeds of n1 only: gossip knows it, the ring gives it nothing until 'admin join'.
    // No hints, no periodic exchanges: what reaches a replica is what the test asks for.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(6).joining(5, 0).freshPerTest()
            .nodeArgs("--anti-entropy-interval", "0", "--tombstone-grace", GRACE.toSeconds() + "s", "--hinted-handoff", "off").build();

    @Test
    void afterAJoinEveryKeyOfAFiveReplicaCacheIsOnAllFiveReplicasOfTheNewRing() throws Exception {
        DynamoClient client = cluster.client();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "k-" + i;
            putOnAllFive(client, bytes(key), "v-" + key);
            keys.add(key);
        }

        String join = BinDynamo.run("admin", "join", "--node", cluster.id(5) + "@" + cluster.address(5), "--seeds", cluster.address(0));
        assertThat(join).startsWith("0\n").contains("done:");

        Ring end = cluster.admin().ring();
        assertThat(end.members()).hasSize(6);
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            for (Member m : end.preferenceList(end.partitionOf(bytes(key)), 5).primaries()) {
                Optional<DvvSet> state = cluster.admin().readReplica(m, FIVE.name(), bytes(key));
                if (!values(state).contains("v-" + key)) {
                    missing.add(key + "@" + m.id());
                }
            }
        }
        assertThat(missing).as("keys missing on one of their five replicas after the join").isEmpty();
    }

    @Test
    void aDeleteTwoStoppedReplicasMissedStaysDeletedAfterAPurgeAndTheirReturn() throws Exception {
        DynamoClient client = cluster.client();
        byte[] key = bytes("resurrect-me");
        putOnAllFive(client, key, "value");

        Ring ring = client.ring();
        List<Member> replicas = ring.preferenceList(ring.partitionOf(key), 5).primaries();
        int fourth = index(replicas.get(3));
        int fifth = index(replicas.get(4));
        cluster.kill(fourth);
        cluster.kill(fifth);

        client.delete(FIVE, key, client.get(FIVE, key).context());
        TimeUnit.MILLISECONDS.sleep(GRACE.toMillis() + 500); // the tombstone is older than the grace period
        repair(replicas.get(0));

        cluster.start(fourth);
        cluster.start(fifth);
        cluster.awaitConverged();
        assertThat(strings(client.get(ALL_FIVE, key).values())).as("the deleted key, read from all five replicas").isEmpty();
    }

    /** A write acknowledged by all five replicas; on a busy machine one may outlast a timeout: retried, it adds an equal sibling at most. */
    private static void putOnAllFive(DynamoClient client, byte[] key, String value) {
        await("a write on all five replicas").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> client.put(ALL_FIVE, key, Context.empty(), bytes(value)) != null);
    }

    /** A full repair (exchanges, then the tombstone purge) at {@code node}, awaited. */
    private static void repair(Member node) throws InterruptedException {
        RepairProgress p = cluster.admin().startRepair(node, "");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!p.done() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            p = cluster.admin().repairStatus(node, p.job());
        }
        assertThat(p.done()).as("repair on %s ended", node.id()).isTrue();
    }

    private static int index(Member m) {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.id(i).equals(m.id().value())) {
                return i;
            }
        }
        throw new AssertionError(m + " is not a node of the test cluster");
    }

    private static List<String> values(Optional<DvvSet> state) {
        return state.map(s -> strings(s.values().stream().map(v -> v.value()).toList())).orElse(List.of());
    }
}
