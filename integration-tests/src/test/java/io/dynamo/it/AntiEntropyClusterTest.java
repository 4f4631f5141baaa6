package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anti-entropy (paper §4.7) across three node JVMs started through {@code bin/dynamo node}:
 * a node that lost its disk is rebuilt by one repair, and deletes survive repair with a replica
 * that missed them (then their tombstones are purged everywhere). Periodic exchanges are off
 * except where a test turns them on, so what moves is what the test asked for.
 */
class AntiEntropyClusterTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("ae", ConflictPolicy.SIBLINGS);
    private static final Duration GRACE = Duration.ofSeconds(3);

    // A fresh cluster per test: each counts every key and tombstone a node holds, in every cache.
    // Hinted handoff off: the replicas a test leaves stale must stay stale until anti-entropy repairs them.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).freshPerTest()
            .nodeArgs("--anti-entropy-interval", "0", "--tombstone-grace", GRACE.toSeconds() + "s", "--hinted-handoff", "off").build();

    private DynamoClient client;
    private AdminClient admin;

    @BeforeEach
    void connect() {
        client = cluster.client();
        admin = cluster.admin();
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void nodeWhoseDiskWasWipedIsIdenticalToItsPeersAfterRestartAndOneRepair() throws Exception {
        putAll("wiped-", 3000);
        awaitIdenticalTrees(); // every write reached all three (W=2 answers before the third)
        int victim = 2;
        cluster.terminate(victim);
        cluster.wipe(victim);
        cluster.start(victim);
        assertThat(keys(summary(victim))).as("keys on the wiped node after restart").isZero();

        String output = runAdmin("repair", "--seeds", cluster.seeds(), "--node", cluster.id(victim));
        assertThat(output).contains("summary:", "partitions 256/256", "done");

        List<TreeSummaryResult> summaries = summaries();
        assertThat(admin.differingPartitions(summaries, 3)).as("partitions whose roots or counts differ").isEmpty();
        assertThat(runAdmin("trees", "--seeds", cluster.seeds()))
                .contains("partitions whose replicas differ: 0 of 256", cluster.id(victim) + "       256/256 trees built, 3000 keys");
        for (TreeSummaryResult s : summaries) {
            assertThat(keys(s)).as("keys on %s", s.nodeId()).isEqualTo(3000);
        }
        Member wiped = cluster.member(victim);
        for (int i = 0; i < 3000; i += 37) {
            byte[] key = bytes("wiped-" + i);
            assertThat(admin.readReplica(wiped, CACHE.name(), key)).isEqualTo(admin.readReplica(cluster.member(0), CACHE.name(), key));
        }
    }

    @Test
    void deletedKeysStayDeletedAcrossARepairWithAReplicaThatMissedTheDelete() throws Exception {
        Map<String, Context> written = putAll("deleted-", 200);
        awaitIdenticalTrees();
        int stale = 2;
        cluster.terminate(stale);
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, Context> e : written.entrySet()) {
            if (deleted.size() < 100) {
                client.delete(CACHE, bytes(e.getKey()), e.getValue()); // the put's context: no read, so no read repair
                deleted.add(e.getKey());
            }
        }
        cluster.start(stale);
        Member staleMember = cluster.member(stale);
        for (String key : deleted) {
            assertThat(values(admin.readReplica(staleMember, CACHE.name(), bytes(key)))).as("%s on the stale replica", key).hasSize(1);
        }

        RepairProgress p = repair(stale);
        assertThat(p.errors()).isEmpty();
        assertThat(p.keysReceived()).isGreaterThanOrEqualTo(100);
        for (String key : deleted) {
            for (int n = 0; n < 3; n++) {
                assertThat(values(admin.readReplica(cluster.member(n), CACHE.name(), bytes(key)))).as("%s on %s", key, cluster.id(n)).isEmpty();
            }
            assertThat(client.get(CACHE, bytes(key)).values()).as("get %s", key).isEmpty();
        }

        // Past the grace period every replica holds the same tombstones: a repair purges them all,
        // and none comes back.
        Thread.sleep(GRACE.toMillis() + 500);
        assertThat(repair(0).errors()).isEmpty();
        for (String key : deleted) {
            for (int n = 0; n < 3; n++) {
                assertThat(admin.readReplica(cluster.member(n), CACHE.name(), bytes(key))).as("%s on %s after purge", key, cluster.id(n)).isEmpty();
            }
        }
        for (int n = 0; n < 3; n++) {
            assertThat(repair(n).keysReceived()).as("keys a repair of %s brought back", cluster.id(n)).isZero();
        }
        for (String key : deleted) {
            assertThat(client.get(CACHE, bytes(key)).values()).isEmpty();
        }
        for (String key : written.keySet()) {
            if (!deleted.contains(key)) {
                assertThat(strings(client.get(CACHE, bytes(key)).values())).containsExactly("value-" + key);
            }
        }
        assertThat(admin.differingPartitions(summaries(), 3)).isEmpty();
        assertThat(summaries().stream().mapToLong(AntiEntropyClusterTest::tombstones).sum()).isZero();
    }

    @Test
    void periodicExchangesHealAReplicaThatMissedWritesWithoutAnyRead() {
        int stale = 1;
        cluster.terminate(stale);
        putAll("periodic-", 100);
        cluster.start(stale, "--anti-entropy-interval", "2s");
        assertThat(admin.interval(cluster.member(stale), Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(admin.interval(cluster.member(0), Optional.empty())).isZero();
        await("periodic anti-entropy").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(admin.differingPartitions(summaries(), 3)).isEmpty());
        for (int i = 0; i < 100; i++) {
            assertThat(values(admin.readReplica(cluster.member(stale), CACHE.name(), bytes("periodic-" + i)))).hasSize(1);
        }
        // An operator pauses it at run time.
        assertThat(admin.interval(cluster.member(stale), Optional.of(Duration.ZERO))).isZero();
    }

    private Map<String, Context> putAll(String prefix, int count) {
        Map<String, Context> contexts = new LinkedHashMap<>();
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            inFlight.acquireUninterruptibly();
            all.add(client.putAsync(CACHE, bytes(key), Context.empty(), bytes("value-" + key)).thenAccept(ctx -> {
                synchronized (contexts) {
                    contexts.put(key, ctx);
                }
            }).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return contexts;
    }

    private void awaitIdenticalTrees() {
        await("replicas identical").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(admin.differingPartitions(summaries(), 3)).isEmpty());
    }

    private RepairProgress repair(int index) throws InterruptedException {
        Member m = cluster.member(index);
        RepairProgress p = admin.startRepair(m, "");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!p.done() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            p = admin.repairStatus(m, p.job());
        }
        assertThat(p.done()).as("repair on %s ended", m.id()).isTrue();
        return p;
    }

    private List<TreeSummaryResult> summaries() {
        List<TreeSummaryResult> out = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            out.add(summary(n));
        }
        return out;
    }

    private TreeSummaryResult summary(int index) {
        TreeSummaryResult s = admin.trees(cluster.member(index));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.trees(cluster.member(index)).partitions().stream().allMatch(PartitionTree::ready));
        return s.partitions().stream().allMatch(PartitionTree::ready) ? s : admin.trees(cluster.member(index));
    }

    private static long keys(TreeSummaryResult s) {
        return s.partitions().stream().mapToLong(PartitionTree::keys).sum();
    }

    private static long tombstones(TreeSummaryResult s) {
        return s.partitions().stream().mapToLong(PartitionTree::tombstones).sum();
    }

    /** Runs {@code bin/dynamo admin ...}; fails unless it exits with 0. */
    private static String runAdmin(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("admin"));
        cmd.addAll(List.of(args));
        String output = cluster.cli(cmd.toArray(String[]::new));
        assertThat(output).as("exit code and output of %s", cmd).startsWith("0\n");
        return output;
    }

    private static List<String> values(Optional<DvvSet> state) {
        return state.map(s -> strings(s.values().stream().map(v -> v.value()).toList())).orElse(List.of());
    }
}
