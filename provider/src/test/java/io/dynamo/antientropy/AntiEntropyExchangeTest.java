package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.InProcessReplicas.Replica;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.Sibling;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AntiEntropyExchangeTest {
    private static final String CACHE = "c";
    private static final AntiEntropyConfig OFF = new AntiEntropyConfig(Duration.ZERO, 64L << 20, Duration.ofHours(1), 3);

    @Test
    void repairFillsAnEmptyReplicaUntilEveryRootAndCountMatch() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(3, OFF)) {
            for (int i = 0; i < 2000; i++) {
                writeEverywhere(cluster, List.of(0, 1), "key-" + i, "value-" + i);
            }
            Replica wiped = cluster.replica(2);
            RepairProgress p = wiped.repair("");
            assertThat(p.errors()).isEmpty();
            assertThat(p.partitionsDone()).isEqualTo(InProcessReplicas.PARTITIONS);
            assertThat(p.keysReceived()).isEqualTo(2000);
            assertIdentical(cluster);
            for (int i = 0; i < 2000; i += 97) {
                assertThat(read(wiped, "key-" + i)).isEqualTo(read(cluster.replica(0), "key-" + i));
            }
        }
    }

    @Test
    void concurrentVersionsOnTwoReplicasBothSurviveAsSiblings() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(3, OFF)) {
            byte[] key = bytes("cart");
            int partition = cluster.partitionOf(key);
            cluster.replica(0).local.write(CACHE, partition, key, VersionVector.empty(), "n1", 100, Optional.of(bytes("book")),
                    ConflictPolicy.SIBLINGS);
            cluster.replica(1).local.write(CACHE, partition, key, VersionVector.empty(), "n2", 200, Optional.of(bytes("pen")),
                    ConflictPolicy.SIBLINGS);
            cluster.replica(0).repair("");
            for (Replica r : cluster.replicas) {
                assertThat(values(read(r, "cart"))).containsExactlyInAnyOrder("book", "pen");
            }
            assertIdentical(cluster);
        }
    }

    @Test
    void aDeleteTheStaleReplicaMissedWinsOverItsValue() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(3, OFF)) {
            writeEverywhere(cluster, List.of(0, 1, 2), "gone", "old");
            // n1 and n2 take the delete; n3 misses it and still holds the value.
            DvvSet deleted = cluster.replica(0).local.write(CACHE, cluster.partitionOf(bytes("gone")), bytes("gone"),
                    read(cluster.replica(0), "gone").context(), "n1", 10_000, Optional.empty(), ConflictPolicy.SIBLINGS);
            cluster.replica(1).local.merge(CACHE, cluster.partitionOf(bytes("gone")), bytes("gone"), deleted, ConflictPolicy.SIBLINGS);
            assertThat(values(read(cluster.replica(2), "gone"))).containsExactly("old");

            cluster.replica(2).repair("");
            for (Replica r : cluster.replicas) {
                assertThat(values(read(r, "gone"))).as("%s", r.member.id()).isEmpty();
            }
            assertIdentical(cluster);
        }
    }

    @Test
    void tombstonesArePurgedOnlyOnceEveryReplicaHoldsThem() throws Exception {
        AntiEntropyConfig noGrace = new AntiEntropyConfig(Duration.ZERO, 64L << 20, Duration.ZERO, 3);
        try (InProcessReplicas cluster = new InProcessReplicas(3, noGrace)) {
            writeEverywhere(cluster, List.of(0, 1, 2), "gone", "old");
            writeEverywhere(cluster, List.of(0, 1, 2), "kept", "value");
            byte[] key = bytes("gone");
            int partition = cluster.partitionOf(key);
            DvvSet deleted = cluster.replica(0).local.write(CACHE, partition, key, read(cluster.replica(0), "gone").context(), "n1",
                    10_000, Optional.empty(), ConflictPolicy.SIBLINGS);
            cluster.replica(1).local.merge(CACHE, partition, key, deleted, ConflictPolicy.SIBLINGS);
            Thread.sleep(5); // older than the (zero) grace period

            // n3 is down and still holds the value: nothing may be purged.
            cluster.replica(2).up = false;
            RepairProgress whileDown = cluster.replica(0).repair("");
            assertThat(whileDown.errors()).contains("n3");
            assertThat(cluster.replica(0).local.read(CACHE, partition, key)).isPresent();
            assertThat(cluster.replica(1).local.read(CACHE, partition, key)).isPresent();

            // n3 back: the repair hands it the tombstone, then every replica agrees and purges it.
            cluster.replica(2).up = true;
            RepairProgress p = cluster.replica(0).repair("");
            assertThat(p.errors()).isEmpty();
            assertThat(p.tombstonesPurged()).isEqualTo(1);
            for (Replica r : cluster.replicas) {
                assertThat(r.local.read(CACHE, partition, key)).as("%s", r.member.id()).isEmpty();
                assertThat(r.trees.tombstoneKeys(partition)).isZero();
                assertThat(values(read(r, "kept"))).containsExactly("value");
            }
            assertIdentical(cluster);
            // And a later repair brings nothing back.
            assertThat(cluster.replica(2).repair("").keysReceived()).isZero();
            assertThat(cluster.replica(2).local.read(CACHE, partition, key)).isEmpty();
        }
    }

    @Test
    void onlyTheDifferingKeysTravel() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(2, OFF)) {
            byte[] value = new byte[100];
            int keys = 20_000;
            for (int i = 0; i < keys; i++) {
                writeEverywhere(cluster, List.of(0, 1), "key-" + i, new String(value, StandardCharsets.ISO_8859_1));
            }
            List<String> differing = new ArrayList<>();
            long differingBytes = 0;
            for (int i = 0; i < keys; i += keys / 20) {
                String key = "key-" + i;
                differing.add(key);
                DvvSet s = cluster.replica(1).local.write(CACHE, cluster.partitionOf(bytes(key)), bytes(key), VersionVector.empty(), "n2",
                        50_000, Optional.of(value), ConflictPolicy.SIBLINGS);
                differingBytes += s.encode().length + key.length() + 2;
            }
            RepairProgress p = cluster.replica(0).repair("");
            long bytes = p.bytesSent() + p.bytesReceived();
            assertThat(p.keysReceived()).isEqualTo(differing.size());
            assertThat(p.keysSent()).isEqualTo(differing.size());
            // Tree traffic: per partition a root, and where they differ 32 level-1 and 32 leaf hashes per differing branch.
            long treeBound = InProcessReplicas.PARTITIONS * (64 + 32 * 36 + 2 * 32 * 20);
            assertThat(bytes).as("bytes moved for %d differing entries of %d bytes", differing.size(), differingBytes)
                    .isLessThan(4 * differingBytes + treeBound);
            assertIdentical(cluster);
        }
    }

    @Test
    void repairOfOneCacheMovesOnlyThatCachesKeys() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(2, OFF)) {
            for (int i = 0; i < 100; i++) {
                for (String cache : List.of("a", "b")) {
                    byte[] k = bytes("key-" + i);
                    cluster.replica(0).local.write(cache, cluster.partitionOf(k), k, VersionVector.empty(), "n1", 1000,
                            Optional.of(bytes("v")), ConflictPolicy.SIBLINGS);
                }
            }
            RepairProgress onlyA = cluster.replica(1).repair("a");
            assertThat(onlyA.keysReceived()).isEqualTo(100);
            for (int i = 0; i < 100; i++) {
                byte[] k = bytes("key-" + i);
                assertThat(cluster.replica(1).local.read("a", cluster.partitionOf(k), k)).isPresent();
                assertThat(cluster.replica(1).local.read("b", cluster.partitionOf(k), k)).isEmpty();
            }
            assertThat(cluster.replica(1).repair("").keysReceived()).isEqualTo(100);
            assertThat(cluster.replica(1).antiEntropy.repairStats().keysReceived()).as("both repairs, in the node's totals").isEqualTo(200);
            assertThat(cluster.replica(1).antiEntropy.repairStats().bytesReceived()).isPositive();
            assertIdentical(cluster);
        }
    }

    @Test
    void periodicExchangesConvergeWithoutAnyone() {
        AntiEntropyConfig fast = new AntiEntropyConfig(Duration.ofMillis(200), 64L << 20, Duration.ofHours(1), 3);
        try (InProcessReplicas cluster = new InProcessReplicas(3, fast)) {
            for (int i = 0; i < 300; i++) {
                writeEverywhere(cluster, List.of(i % 3), "key-" + i, "value-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertIdentical(cluster));
            for (Replica r : cluster.replicas) {
                assertThat(r.trees.tree(0).keyCount() + r.trees.tree(1).keyCount()).isPositive();
            }
            // Each key reached its two missing replicas, pushed or pulled; two exchanges may race over the same key.
            long moved = cluster.replicas.stream()
                    .mapToLong(r -> r.antiEntropy.periodicStats().keysSent() + r.antiEntropy.periodicStats().keysReceived()).sum();
            assertThat(moved).isBetween(600L, 1200L);
        }
    }

    private static void assertIdentical(InProcessReplicas cluster) {
        for (int p = 0; p < InProcessReplicas.PARTITIONS; p++) {
            MerkleTree first = cluster.replica(0).trees.tree(p);
            for (Replica r : cluster.replicas) {
                assertThat(r.trees.ready(p)).isTrue();
                assertThat(r.trees.tree(p).root()).as("root of partition %d on %s", p, r.member.id()).isEqualTo(first.root());
                assertThat(r.trees.tree(p).keyCount()).isEqualTo(first.keyCount());
            }
        }
    }

    /** A write coordinated by the first replica listed, then replicated to the others listed. */
    private static void writeEverywhere(InProcessReplicas cluster, List<Integer> on, String key, String value) {
        byte[] k = bytes(key);
        int partition = cluster.partitionOf(k);
        Replica coordinator = cluster.replica(on.get(0));
        DvvSet state = coordinator.local.write(CACHE, partition, k, VersionVector.empty(), coordinator.member.id().value(), 1000,
                Optional.of(value.getBytes(StandardCharsets.ISO_8859_1)), ConflictPolicy.SIBLINGS);
        for (int i = 1; i < on.size(); i++) {
            cluster.replica(on.get(i)).local.merge(CACHE, partition, k, state, ConflictPolicy.SIBLINGS);
        }
    }

    private static DvvSet read(Replica r, String key) {
        return r.local.read(CACHE, r.trees.partitions() == 0 ? 0 : partitionOf(r, key), bytes(key)).orElse(DvvSet.empty());
    }

    private static int partitionOf(Replica r, String key) {
        return io.dynamo.ring.Ring.create(InProcessReplicas.PARTITIONS, List.of(r.member)).partitionOf(bytes(key));
    }

    private static List<String> values(DvvSet s) {
        List<String> out = new ArrayList<>();
        for (Sibling v : s.values()) {
            out.add(new String(v.value(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
