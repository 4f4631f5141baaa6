package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.Ack;
import io.dynamo.rebalance.RebalanceMessage.StreamEntries;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.RecordingEngine;
import io.dynamo.storage.StorageEngines;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The new owner's side of a partition stream: what a frame leaves in its engine. */
@Timeout(30)
class StreamReceiverTest {
    private final Ring ring = Ring.create(8, List.of(new Member(new NodeId("n1"), "127.0.0.1", 1, "")));
    private final RecordingEngine engine = new RecordingEngine(StorageEngines.memory(EngineOptions.defaults()));
    private final LocalReplica local = new LocalReplica(engine, 25, 100);
    private final CacheReplicas caches = CacheReplicas.inMemory();
    private final StreamReceiver receiver = new StreamReceiver(local, new KeyPartitions(() -> ring), caches);

    @AfterEach
    void close() {
        receiver.close();
    }

    /** Keys of partition 0 named "k<i>", as many as asked, with the first ring's hash. */
    private List<byte[]> keysOfPartitionZero(int count) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            if (ring.partitionOf(key) == 0) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static DvvSet written(String actor, String value) {
        return DvvSet.empty().put(VersionVector.empty(), actor, 1, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A frame of a few hundred keys of two caches is stored in engine batches, not a write per
     * key, merged with what the new owner already holds (a write that reached it meanwhile stays,
     * beside the streamed version), and the caches' N is learnt.
     */
    @Test
    void aFrameIsMergedInEngineBatchesKeepingWhatTheNewOwnerAlreadyHolds() throws Exception {
        List<byte[]> keys = keysOfPartitionZero(300);
        List<byte[]> stored = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            stored.add(StoredKey.of(i % 2 == 0 ? "carts" : "sessions", keys.get(i)));
            states.add(written("n2", "streamed" + i).encode());
        }
        local.merge("carts", 0, keys.get(0), written("n4", "meanwhile"), ConflictPolicy.SIBLINGS);
        int singlesBefore = engine.singleWrites().size();

        Object ack = receiver.accept(new StreamEntries(0, List.of("carts".getBytes(StandardCharsets.UTF_8),
                "sessions".getBytes(StandardCharsets.UTF_8)), new int[] {3, 5}, stored, states)).get(10, TimeUnit.SECONDS);

        assertThat(ack).isInstanceOf(Ack.class);
        assertThat(engine.batchSizes()).containsExactly(256, 44);
        assertThat(engine.singleWrites()).hasSize(singlesBefore);
        for (int i = 1; i < keys.size(); i++) {
            Optional<DvvSet> state = local.read(i % 2 == 0 ? "carts" : "sessions", 0, keys.get(i));
            assertThat(state).isPresent();
            assertThat(new String(state.get().values().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("streamed" + i);
        }
        assertThat(local.read("carts", 0, keys.get(0)).orElseThrow().values()).hasSize(2);
        assertThat(caches.known("carts")).hasValue(3);
        assertThat(caches.known("sessions")).hasValue(5);
    }

    /** A key filed under another partition than its hash's refuses the whole frame: nothing of it is stored. */
    @Test
    void aFrameWithAKeyOfAnotherPartitionIsRefusedWhole() {
        List<byte[]> keys = keysOfPartitionZero(10);
        byte[] elsewhere = null;
        for (int i = 0; elsewhere == null; i++) {
            byte[] key = ("x" + i).getBytes(StandardCharsets.UTF_8);
            if (ring.partitionOf(key) != 0) {
                elsewhere = key;
            }
        }
        keys.add(elsewhere);
        List<byte[]> stored = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        for (byte[] key : keys) {
            stored.add(StoredKey.of("carts", key));
            states.add(written("n2", "v").encode());
        }

        assertThatThrownBy(() -> receiver.accept(new StreamEntries(0, List.of("carts".getBytes(StandardCharsets.UTF_8)), new int[] {3},
                stored, states)).join()).isInstanceOf(CompletionException.class).hasMessageContaining("refused");

        assertThat(engine.batchSizes()).isEmpty();
        assertThat(engine.singleWrites()).isEmpty();
    }
}
