package io.dynamo.it;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paper's promise for Merkle trees (§4.7): a repair moves what differs, not what is stored.
 * 100,000 keys on three node JVMs, 100 of them updated while one node was down; one repair of
 * that node moves the 100 entries (each way) and the tree hashes leading to them.
 */
class RepairBandwidthTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("bytes", ConflictPolicy.SIBLINGS);
    private static final int KEYS = 100_000;
    private static final int DIFFERING = 100;

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).nodeArgs("--anti-entropy-interval", "0", "--hinted-handoff", "off").build();

    @Test
    void repairOfHundredDifferingKeysAmongHundredThousandMovesAboutTheirBytes() throws Exception {
        try (DynamoClient client = DynamoClient.connect(cluster.config(cluster.seeds(), Duration.ofSeconds(10)));
                AdminClient admin = AdminClient.connect(cluster.config(cluster.seeds(), Duration.ofSeconds(10)))) {
            byte[] value = new byte[100];
            Arrays.fill(value, (byte) 'v');
            Context[] contexts = new Context[DIFFERING];
            long started = System.nanoTime();
            Semaphore inFlight = new Semaphore(256);
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                int index = i;
                inFlight.acquireUninterruptibly();
                puts.add(client.putAsync(CACHE, key(i), Context.empty(), value).thenAccept(ctx -> {
                    if (index < DIFFERING) {
                        contexts[index] = ctx;
                    }
                }).whenComplete((r, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            System.out.printf("wrote %d keys in %.1f s%n", KEYS, (System.nanoTime() - started) / 1e9);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(admin.differingPartitions(summaries(admin), 3)).isEmpty());

            int stale = 2;
            cluster.terminate(stale);
            byte[] newer = Arrays.copyOf(value, value.length);
            Arrays.fill(newer, (byte) 'w');
            for (int i = 0; i < DIFFERING; i++) {
                client.put(CACHE, key(i), contexts[i], newer);
            }
            cluster.start(stale);
            Member staleMember = admin.ringMembers(java.util.Optional.of(cluster.id(stale))).get(0);
            Member healthy = admin.ringMembers(java.util.Optional.of(cluster.id(0))).get(0);
            long differingBytes = 0;
            for (int i = 0; i < DIFFERING; i++) {
                DvvSet state = admin.readReplica(healthy, CACHE.name(), key(i)).orElseThrow();
                differingBytes += state.encode().length + 1 + CACHE.name().length() + key(i).length;
            }
            DvvSet sample = admin.readReplica(healthy, CACHE.name(), key(KEYS - 1)).orElseThrow();
            long dataBytes = (long) KEYS * (sample.encode().length + 1 + CACHE.name().length() + key(KEYS - 1).length);

            RepairProgress p = repair(admin, staleMember);
            long moved = p.bytesSent() + p.bytesReceived();
            System.out.printf("repair of %s: %d keys received, %d keys sent, %d bytes moved (%d sent, %d received) in %d ms; "
                    + "differing entries %d bytes; data per replica about %d bytes%n", staleMember.id(), p.keysReceived(), p.keysSent(),
                    moved, p.bytesSent(), p.bytesReceived(), p.elapsedMillis(), differingBytes, dataBytes);
            assertThat(p.errors()).isEmpty();
            assertThat(p.keysReceived()).isEqualTo(DIFFERING);
            assertThat(p.keysSent()).isEqualTo(DIFFERING); // two-way: its stale versions go out too, and change nothing
            // Tree traffic: a root per (partition, peer) of 256 x 2, and where a partition differs,
            // 32 level-1 and 32 leaf hashes per differing branch plus the keys' digests under those leaves.
            long treeBound = 512L * 128 + DIFFERING * 4096L;
            assertThat(moved).isLessThan(20 * differingBytes + treeBound);
            assertThat(moved).isLessThan(dataBytes / 20);
            assertThat(admin.differingPartitions(summaries(admin), 3)).isEmpty();
            for (int i = 0; i < DIFFERING; i++) {
                List<byte[]> values = admin.readReplica(staleMember, CACHE.name(), key(i)).orElseThrow().values().stream()
                        .map(s -> s.value()).toList();
                assertThat(values).hasSize(1);
                assertThat(values.get(0)).isEqualTo(newer);
            }
        }
    }

    private static RepairProgress repair(AdminClient admin, Member m) throws InterruptedException {
        RepairProgress p = admin.startRepair(m, "");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!p.done() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            p = admin.repairStatus(m, p.job());
        }
        assertThat(p.done()).isTrue();
        return p;
    }

    private static List<TreeSummaryResult> summaries(AdminClient admin) {
        List<TreeSummaryResult> out = new ArrayList<>();
        for (Member m : admin.ring().members()) {
            TreeSummaryResult s = admin.trees(m);
            assertThat(s.partitions()).allMatch(PartitionTree::ready);
            out.add(s);
        }
        return out;
    }

    private static byte[] key(int i) {
        return ("user:" + i).getBytes(StandardCharsets.UTF_8);
    }
}
