package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.InProcessReplicas.Replica;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.ring.Member;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Anti-entropy and tombstone purge reckon each key with its own cache's N (paper §4.3), on a ring of five replicas. */
class PerCacheReplicasTest {
    private static final AntiEntropyConfig NO_GRACE = new AntiEntropyConfig(Duration.ZERO, 64L << 20, Duration.ZERO, 3);

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {1, 3, 5})
    void aTombstoneIsPurgedOnlyOnceAllNReplicasOfItsCacheHoldIt(int n) throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(5, NO_GRACE)) {
            String cache = "n" + n;
            cluster.replicas.forEach(r -> r.caches.learn(cache, n));
            byte[] key = bytes("gone");
            int partition = cluster.partitionOf(key);
            List<Replica> replicas = replicasOf(cluster, partition, n);
            DvvSet written = replicas.get(0).local.write(cache, partition, key, VersionVector.empty(), "w", 1000, Optional.of(bytes("old")),
                    ConflictPolicy.SIBLINGS);
            replicas.forEach(r -> r.local.merge(cache, partition, key, written, ConflictPolicy.SIBLINGS));
            // The first replica takes the delete, every other but the last too: the last missed it.
            DvvSet deleted = replicas.get(0).local.write(cache, partition, key, written.context(), "w", 2000, Optional.empty(),
                    ConflictPolicy.SIBLINGS);
            for (Replica r : replicas.subList(1, Math.max(1, n - 1))) {
                r.local.merge(cache, partition, key, deleted, ConflictPolicy.SIBLINGS);
            }
            Thread.sleep(5); // older than the (zero) grace period

            if (n > 1) {
                Replica missed = replicas.get(n - 1);
                missed.up = false;
                RepairProgress whileDown = replicas.get(0).repair("");
                assertThat(whileDown.errors()).contains(missed.member.id().value());
                assertThat(replicas.get(0).local.read(cache, partition, key)).as("tombstone while replica %d of %d is down", n, n).isPresent();
                missed.up = true;
            }
            RepairProgress p = replicas.get(0).repair("");
            assertThat(p.errors()).isEmpty();
            assertThat(p.tombstonesPurged()).isEqualTo(1);
            for (Replica r : cluster.replicas) {
                assertThat(r.local.read(cache, partition, key)).as("%s after the purge", r.member.id()).isEmpty();
            }
        }
    }

    @Test
    void aKeyTravelsOnlyBetweenTheReplicasOfItsOwnCachesN() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(5, NO_GRACE)) {
            for (Replica r : cluster.replicas) {
                r.caches.learn("one", 1);
                r.caches.learn("three", 3);
                r.caches.learn("five", 5);
            }
            byte[] key = bytes("k");
            int partition = cluster.partitionOf(key);
            List<Replica> order = replicasOf(cluster, partition, 5);
            for (String cache : List.of("one", "three", "five")) {
                order.get(0).local.write(cache, partition, key, VersionVector.empty(), "w", 1000, Optional.of(bytes(cache)),
                        ConflictPolicy.SIBLINGS);
            }
            assertThat(order.get(0).repair("").errors()).isEmpty();
            for (int rank = 1; rank <= 5; rank++) {
                Replica r = order.get(rank - 1);
                assertThat(r.local.read("one", partition, key).isPresent()).as("N=1 key on replica %d", rank).isEqualTo(rank <= 1);
                assertThat(r.local.read("three", partition, key).isPresent()).as("N=3 key on replica %d", rank).isEqualTo(rank <= 3);
                assertThat(r.local.read("five", partition, key).isPresent()).as("N=5 key on replica %d", rank).isTrue();
            }
        }
    }

    /** The first {@code n} replicas of {@code partition}, in preference-list order. */
    private static List<Replica> replicasOf(InProcessReplicas cluster, int partition, int n) {
        return cluster.ring.preferenceList(partition, n).primaries().stream().map(Member::id).map(id -> cluster.replica(id.value())).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
