package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
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
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a join streams (paper §4.9): each key the new node needs travels once, from one former
 * replica, in large frames; and when that replica is killed mid-stream another one serves, and
 * nothing the new node needs is missing at the end.
 */
class JoinStreamingTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("streaming", ConflictPolicy.SIBLINGS);
    private static final int KEYS = 6000;
    private static final int VALUE_BYTES = 1024;
    private static final Pattern MOVED = Pattern.compile("done: partitions \\d+/\\d+, (\\d+) keys, (\\d+) bytes moved");

    // n4 starts with --seeds of n1 only; no periodic exchanges: what n4 holds is what the join sent it.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(4).joining(3, 0).freshPerTest()
            .nodeArgs("--anti-entropy-interval", "0").build();

    @Test
    void aJoinSendsEachKeyTheNewNodeNeedsOnceAndNothingMore() throws Exception {
        List<byte[]> keys = load();

        String join = cluster.cli("admin", "join", "--node", "n4@" + cluster.address(3), "--seeds", cluster.address(0));

        assertThat(join).startsWith("0\n").contains("done: partitions 64/64");
        Matcher moved = MOVED.matcher(join);
        assertThat(moved.find()).as(join).isTrue();
        long keysMoved = Long.parseLong(moved.group(1));
        long bytesMoved = Long.parseLong(moved.group(2));
        List<byte[]> needed = neededByNewNode(keys);
        assertThat(missingOnNewNode(needed)).isEmpty();
        assertThat(keysMoved).as("keys moved for %d needed", needed.size()).isBetween((long) needed.size(), needed.size() * 12L / 10);
        assertThat(bytesMoved).as("bytes moved for %d keys of %d bytes needed", needed.size(), VALUE_BYTES)
                .isLessThan(needed.size() * (long) VALUE_BYTES * 12 / 10);
    }

    @Test
    void aSourceKilledMidStreamIsReplacedByAnotherAndTheNewNodeMissesNothing() throws Exception {
        List<byte[]> keys = load();
        AdminClient planner = cluster.admin(cluster.address(0));
        CompletableFuture<String> join = CompletableFuture.supplyAsync(() -> {
            try {
                return cluster.cli("admin", "join", "--node", "n4@" + cluster.address(3), "--seeds", cluster.address(0));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The planner is n1; once the first keys arrived, n2 dies: the ranges it was to stream come from n1 or n3.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> planner.changeStatus().keys() > 0);
        cluster.kill(1);
        cluster.start(1);

        String out = join.get(240, TimeUnit.SECONDS);

        assertThat(out).startsWith("0\n").contains("done: partitions 64/64");
        assertThat(missingOnNewNode(neededByNewNode(keys))).as("keys n4 needs and lacks").isEmpty();
    }

    /** KEYS keys of VALUE_BYTES each (seeded), on all three replicas. */
    private static List<byte[]> load() throws Exception {
        DynamoClient client = cluster.client();
        Random random = new Random(14);
        List<byte[]> keys = new ArrayList<>();
        List<CompletableFuture<Context>> inFlight = new ArrayList<>();
        CacheSpec all = CACHE.withQuorums(3, 1, 3);
        for (int i = 0; i < KEYS; i++) {
            byte[] key = bytes("k-" + i);
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            keys.add(key);
            inFlight.add(client.putAsync(all, key, Context.empty(), value));
            if (inFlight.size() == 32) {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                inFlight.clear();
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return keys;
    }

    private static List<byte[]> neededByNewNode(List<byte[]> keys) {
        Ring end = cluster.admin().ring();
        assertThat(end.members()).hasSize(4);
        Member n4 = end.member(new NodeId("n4")).orElseThrow();
        return keys.stream().filter(k -> end.preferenceList(end.partitionOf(k), 3).primaries().contains(n4)).toList();
    }

    private static List<String> missingOnNewNode(List<byte[]> needed) {
        Member n4 = cluster.admin().ring().member(new NodeId("n4")).orElseThrow();
        List<String> missing = new ArrayList<>();
        for (byte[] key : needed) {
            Optional<DvvSet> state = cluster.admin().readReplica(n4, CACHE.name(), key);
            if (state.isEmpty() || state.get().values().isEmpty()) {
                missing.add(new String(key, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return missing;
    }
}
