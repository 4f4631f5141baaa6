package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PartitionStreamerTest {
    private static final Member TARGET = Member.parse("n4@127.0.0.1:9");

    /**
     * A dry run during a join asks a replica for the size of each range it would move; streams of
     * that join may hold both stream threads for minutes, and the answer must not wait for them.
     */
    @Test
    void aPartitionSizeIsAnsweredOnTheStorageThreadsWhileBothStreamThreadsAreBusy() throws Exception {
        StorageEngine engine = StorageEngines.memory(EngineOptions.defaults());
        for (int partition = 0; partition < 3; partition++) {
            for (int i = 0; i < 10; i++) {
                engine.put(partition, StoredKey.of("carts", ("k" + i).getBytes(StandardCharsets.UTF_8)), new byte[] {1, 2, 3});
            }
        }
        AtomicInteger writesSent = new AtomicInteger();
        CompletableFuture<Message> neverAcknowledged = new CompletableFuture<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicInteger storageTasks = new AtomicInteger();
        try (PartitionStreamer streamer = new PartitionStreamer(engine, FakePeers.members((peer, write, timeout) -> {
            writesSent.incrementAndGet();
            return neverAcknowledged; // a slow target: each stream waits on its first write
        }), Duration.ofMinutes(1), 1, CacheReplicas.inMemory(), task -> {
            storageTasks.incrementAndGet();
            pool.execute(task);
        })) {
            streamer.stream(0, TARGET, 1, 0);
            streamer.stream(1, TARGET, 1, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> writesSent.get() == 2);

            PartitionSizeResult size = streamer.size(2).get(5, TimeUnit.SECONDS);

            assertThat(size.keys()).isEqualTo(10);
            assertThat(size.bytes()).isEqualTo(10L * (StoredKey.of("carts", new byte[] {'k', '0'}).length + 3));
            assertThat(storageTasks).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
