package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Join and leave (paper §4.9) under a steady writer, through {@code bin/dynamo admin join/leave}:
 * 3 nodes grow to 4 and shrink back to 3 while writes go on.
 */
class RebalanceTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("rebalance", ConflictPolicy.SIBLINGS);

    // n4 starts with --seeds of n1 only: it joins the gossip, owning nothing until 'admin join'.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(4).joining(3, 0).build();


    @Test
    void growingThreeToFourAndShrinkingBackUnderASteadyWriterLosesNoAcknowledgedWriteAndEndsBalanced() throws Exception {
        DynamoClient client = cluster.client();

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger retries = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get(); i++) {
                String key = "w-" + i;
                RuntimeException last = null;
                for (int attempt = 0; attempt < 3 && !acknowledged.containsKey(key); attempt++) {
                    try {
                        client.put(CACHE, bytes(key), Context.empty(), bytes("v" + i));
                        acknowledged.put(key, "v" + i);
                    } catch (RuntimeException e) {
                        last = e;
                        retries.incrementAndGet();
                    }
                }
                if (!acknowledged.containsKey(key)) {
                    failures.add(key + ": " + last);
                }
            }
        });
        TimeUnit.SECONDS.sleep(1);

        // Staged: the dry run shows the plan and what it would stream, and moves nothing.
        Ring before = freshRing();
        String plan = cluster.cli("admin", "join", "--dry-run", "--node", "n4@" + cluster.address(3), "--seeds", cluster.address(0));
        assertThat(plan).startsWith("0\n").contains("plan: dry run, nothing moved: join of n4@").contains("64 of 256 partitions move")
                .containsPattern("would stream [1-9][0-9]* keys, [1-9][0-9]* bytes; nothing moved");
        Ring unchanged = freshRing();
        assertThat(unchanged.epoch()).isEqualTo(before.epoch());
        assertThat(unchanged.partitionsOwnedBy(new io.dynamo.ring.NodeId("n4"))).isEmpty();

        String join = cluster.cli("admin", "join", "--node", "n4@" + cluster.address(3), "--seeds", cluster.address(0));
        assertThat(join).startsWith("0\n").contains("done: partitions 64/64");
        Ring grown = freshRing();
        assertBalanced(grown, 4);
        // A static member restarted after the join comes back with the joined ring, not its --members bootstrap.
        cluster.terminate(1);
        cluster.start(1);
        assertThat(java.nio.file.Files.readString(cluster.log(1))).contains("4 members, ring epoch " + grown.epoch());
        TimeUnit.SECONDS.sleep(1);

        String leave = cluster.cli("admin", "leave", "--node", "n4", "--seeds", cluster.address(1));
        assertThat(leave).startsWith("0\n").contains("done: partitions 64/64");
        TimeUnit.SECONDS.sleep(1);
        writing.set(false);
        writer.get(60, TimeUnit.SECONDS);

        assertThat(failures).as("writes that failed beyond retries").isEmpty();
        Ring end = freshRing();
        assertBalanced(end, 3);
        assertThat(end.member(new io.dynamo.ring.NodeId("n4"))).isEmpty();
        assertThat(acknowledged.size()).as("writes acknowledged during the changes").isGreaterThan(100);
        // Every acknowledged write is on every replica of the final ring, read replica by replica.
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            byte[] key = bytes(e.getKey());
            for (Member m : end.preferenceList(end.partitionOf(key), 3).primaries()) {
                Optional<DvvSet> state = cluster.admin().readReplica(m, CACHE.name(), key);
                if (state.isEmpty() || state.get().values().stream().noneMatch(s -> new String(s.value(), StandardCharsets.UTF_8).equals(e.getValue()))) {
                    missing.add(e.getKey() + "@" + m.id());
                }
            }
        }
        assertThat(missing).as("acknowledged writes missing on a final replica (%d written, %d retries)", acknowledged.size(), retries.get())
                .isEmpty();
    }

    private Ring freshRing() {
        try (DynamoClient c = cluster.connect(cluster.address(2))) {
            return c.ring();
        }
    }

    private static void assertBalanced(Ring ring, int members) {
        assertThat(ring.members()).hasSize(members);
        int min = Collections.min(ring.partitionCounts().values());
        int max = Collections.max(ring.partitionCounts().values());
        assertThat(max - min).as("partitions per node %s", ring.partitionCounts()).isLessThanOrEqualTo(1);
    }
}
