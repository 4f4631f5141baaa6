package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two ring changes asked of two different nodes at the same moment (paper §4.9): one is carried
 * out, the other refused with the change that holds the ring, and no acknowledged write is lost.
 */
class ConcurrentChangesTest {
    private static final CacheSpec CACHE = new CacheSpec("changes", 3, 2, 3, ConflictPolicy.SIBLINGS, Duration.ofSeconds(4));

    // n5 starts with --seeds of n1 only: gossip knows it, the ring gives it nothing until 'admin join'.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(5).joining(4, 0).build();

    @Test
    void ofAJoinAndALeaveAskedAtTwoNodesAtOnceExactlyOneIsAppliedAndTheOtherRefused() throws Exception {
        DynamoClient client = cluster.client();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] key = bytes("k-" + i);
            byte[] value = bytes("v-" + i);
            // On a busy machine a write may outlast its timeout: retried, it adds an equal sibling at most.
            await("write of k-" + i).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> client.put(CACHE, key, Context.empty(), value) != null);
            keys.add("k-" + i);
        }

        CompletableFuture<String> join = CompletableFuture.supplyAsync(() -> admin("join", "--node", cluster.id(4) + "@" + cluster.address(4),
                "--seeds", cluster.address(0)));
        CompletableFuture<String> leave = CompletableFuture.supplyAsync(() -> admin("leave", "--node", cluster.id(3), "--seeds",
                cluster.address(1)));
        String joined = join.get(3, TimeUnit.MINUTES);
        String left = leave.get(3, TimeUnit.MINUTES);

        boolean joinApplied = joined.startsWith("0\n");
        boolean leaveApplied = left.startsWith("0\n");
        assertThat(joinApplied ^ leaveApplied).as("exactly one change applied; join:%n%s%nleave:%n%s", joined, left).isTrue();
        String applied = joinApplied ? joined : left;
        String refused = joinApplied ? left : joined;
        assertThat(applied).contains("done:");
        assertThat(refused).doesNotStartWith("0\n").contains("change refused: another change is in progress: ")
                .contains(joinApplied ? "join of " + cluster.id(4) : "leave of " + cluster.id(3));

        Ring end = cluster.admin().ring();
        assertThat(end.member(new NodeId(cluster.id(4))).isPresent()).as("n5 joined").isEqualTo(joinApplied);
        assertThat(end.member(new NodeId(cluster.id(3))).isPresent()).as("n4 still a member").isEqualTo(joinApplied);
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            for (Member m : end.preferenceList(end.partitionOf(bytes(key)), 3).primaries()) {
                Optional<DvvSet> state = cluster.admin().readReplica(m, CACHE.name(), bytes(key));
                String value = "v-" + key.substring(2);
                if (!state.map(s -> strings(s.values().stream().map(v -> v.value()).toList())).orElse(List.of()).contains(value)) {
                    missing.add(key + "@" + m.id());
                }
            }
        }
        assertThat(missing).as("keys missing on one of their three replicas after the change").isEmpty();
    }

    private static String admin(String... args) {
        List<String> cmd = new ArrayList<>(List.of("admin"));
        cmd.addAll(List.of(args));
        try {
            return BinDynamo.run(cmd.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
