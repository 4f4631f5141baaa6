package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.antientropy.InProcessReplicas.Replica;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Periodic rounds (paper §4.7): replicas that agree pay one small message per peer, whatever the partition count. */
class PeriodicRoundTest {
    private static final String CACHE = "c";
    private static final AntiEntropyConfig OFF = new AntiEntropyConfig(Duration.ZERO, 64L << 20, Duration.ofHours(1), 3);

    @Test
    void anIdleRoundSendsOneMessagePerPeerAt64And1024Partitions() throws Exception {
        long[] bytes = new long[2];
        int[] partitionCounts = {64, 1024};
        for (int i = 0; i < partitionCounts.length; i++) {
            try (InProcessReplicas cluster = new InProcessReplicas(3, OFF, partitionCounts[i])) {
                for (int k = 0; k < 500; k++) {
                    writeOnAll(cluster, "key-" + k);
                }
                awaitBuilt(cluster);
                Replica first = cluster.replica(0);
                long messagesBefore = first.messagesSent.get();
                long bytesBefore = first.bytesOnWire.get();

                PeriodicRound.Outcome o = first.antiEntropy.roundNow(new ExchangeStats());

                assertThat(o.compared()).as("partition exchanges this node starts").isEqualTo(partitionCounts[i]);
                assertThat(o.differed()).isZero();
                assertThat(o.failed()).isZero();
                assertThat(first.messagesSent.get() - messagesBefore).as("messages at %d partitions", partitionCounts[i]).isEqualTo(2);
                bytes[i] = first.bytesOnWire.get() - bytesBefore;
            }
        }
        // A bit per partition in each request: 1024 partitions cost 120 bytes more than 64, not 16 times as much.
        assertThat(bytes[1] - bytes[0]).isLessThanOrEqualTo(2 * (1024 - 64) / 8 + 8);
        assertThat(bytes[1]).isLessThan(600);
    }

    @Test
    void aRoundDescendsOnlyIntoTheDifferingPartitionAndRepairsIt() throws Exception {
        try (InProcessReplicas cluster = new InProcessReplicas(3, OFF, 64)) {
            for (int k = 0; k < 500; k++) {
                writeOnAll(cluster, "key-" + k);
            }
            byte[] missed = "missed".getBytes(StandardCharsets.UTF_8);
            int partition = cluster.partitionOf(missed);
            DvvSet state = cluster.replica(0).local.write(CACHE, partition, missed, VersionVector.empty(), "n1", 1000,
                    Optional.of(new byte[] {7}), ConflictPolicy.SIBLINGS);
            cluster.replica(1).local.merge(CACHE, partition, missed, state, ConflictPolicy.SIBLINGS);
            awaitBuilt(cluster);

            int differed = 0;
            for (Replica r : cluster.replicas) {
                PeriodicRound.Outcome o = r.antiEntropy.roundNow(new ExchangeStats());
                assertThat(o.failed()).isZero();
                differed += o.differed();
            }

            assertThat(differed).as("exchanges that found differing leaves: n3 with the first of n1, n2 to compare").isEqualTo(1);
            assertThat(cluster.replica(2).local.read(CACHE, partition, missed)).contains(state);
            for (Replica r : cluster.replicas) {
                assertThat(r.antiEntropy.roundNow(new ExchangeStats()).differed()).as("a second round on %s", r.member.id()).isZero();
            }
        }
    }

    private static void writeOnAll(InProcessReplicas cluster, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int partition = cluster.partitionOf(k);
        DvvSet state = cluster.replica(0).local.write(CACHE, partition, k, VersionVector.empty(), "n1", 1000, Optional.of(k),
                ConflictPolicy.SIBLINGS);
        for (int i = 1; i < cluster.replicas.size(); i++) {
            cluster.replica(i).local.merge(CACHE, partition, k, state, ConflictPolicy.SIBLINGS);
        }
    }

    private static void awaitBuilt(InProcessReplicas cluster) {
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.replicas.stream()
                .allMatch(r -> java.util.stream.IntStream.range(0, cluster.partitions).allMatch(r.trees::ready)));
    }
}
