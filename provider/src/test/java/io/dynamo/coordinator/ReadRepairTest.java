package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.replica.LocalReplica;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReadRepairTest {
    private static final CacheSpec CACHE = new CacheSpec("carts", 3, 2, 2, ConflictPolicy.SIBLINGS, Duration.ofSeconds(1));
    private static final List<Member> MEMBERS = List.of(new Member(new NodeId("a"), "127.0.0.1", 1, ""),
            new Member(new NodeId("b"), "127.0.0.1", 2, ""), new Member(new NodeId("c"), "127.0.0.1", 3, ""));

    /**
     * Repair starts when the last replica's reply arrives, on the network thread that read it; the
     * coordinator's own stale replica is a storage write (an fsync on RocksDB), which must not hold
     * that thread, and with it gossip, up (§4.8.3).
     */
    @Test
    void theCoordinatorsOwnStaleReplicaIsRepairedOnTheStorageThreadsNotTheThreadOfTheLastReply() {
        byte[] key = "cart:alice".getBytes(StandardCharsets.UTF_8);
        PreferenceList pl = Ring.create(8, MEMBERS).preferenceList(0, 3);
        NodeId self = pl.primaries().get(0).id();
        LocalReplica local = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100);
        AtomicReference<String> storedOn = new AtomicReference<>();
        local.listen((partition, storedKey, state) -> storedOn.set(Thread.currentThread().getName()));
        DvvSet merged = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100)
                .write(CACHE.name(), pl.partition(), key, VersionVector.empty(), "b", 1, Optional.of(new byte[] {1}), CACHE.policy());
        ExecutorService storage = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-storage"));
        try {
            ReadRepair repair = new ReadRepair(self, local, FakePeers.members((peer, write, timeout) -> new CompletableFuture<Message>()),
                    storage);

            repair.repair(CACHE, pl, key, merged, List.of(self.value()));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(storedOn).hasValue("test-storage"));
            assertThat(local.read(CACHE.name(), pl.partition(), key)).hasValue(merged);
        } finally {
            storage.shutdownNow();
        }
    }
}
