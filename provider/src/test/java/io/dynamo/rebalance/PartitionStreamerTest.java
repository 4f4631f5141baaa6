package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.Ack;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.rebalance.RebalanceMessage.StreamEntries;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PartitionStreamerTest {
    private static final Member TARGET = Member.parse("n4@127.0.0.1:9");
    private static final PartitionSync NO_TREES = (partition, target, replicated) -> {
        throw new IllegalStateException("no trees in this test");
    };

    /**
     * A join moves gigabytes: the stream sends one range scan's entries in frames of about a
     * megabyte, each key once, and never more unacknowledged frames than allowed, so a slow new
     * owner holds the sender back instead of filling its memory.
     */
    @Test
    void aStreamSendsEachKeyOnceInLargeFramesWithBoundedFramesUnacknowledged() throws Exception {
        StorageEngine engine = StorageEngines.memory(EngineOptions.defaults());
        int count = 5000;
        for (int i = 0; i < count; i++) {
            engine.put(0, StoredKey.of("carts", ("k" + i).getBytes(StandardCharsets.UTF_8)), new byte[1000]);
        }
        engine.put(1, StoredKey.of("carts", "elsewhere".getBytes(StandardCharsets.UTF_8)), new byte[10]);
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger unacknowledged = new AtomicInteger();
        AtomicInteger mostUnacknowledged = new AtomicInteger();
        ScheduledExecutorService target = Executors.newSingleThreadScheduledExecutor();
        try (PartitionStreamer streamer = new PartitionStreamer(engine, FakePeers.members((peer, message, timeout) -> {
            StreamEntries frame = (StreamEntries) message;
            frames.incrementAndGet();
            mostUnacknowledged.accumulateAndGet(unacknowledged.incrementAndGet(), Math::max);
            for (byte[] k : frame.keys()) {
                if (!received.add(new String(StoredKey.keyOf(k), StandardCharsets.UTF_8))) {
                    duplicates.incrementAndGet();
                }
            }
            CompletableFuture<Message> ack = new CompletableFuture<>();
            target.schedule(() -> {
                unacknowledged.decrementAndGet();
                ack.complete(new Ack());
            }, 20, TimeUnit.MILLISECONDS); // a new owner slower than the scan
            return ack;
        }), Duration.ofMinutes(1), 2, CacheReplicas.inMemory(), Runnable::run, NO_TREES)) {
            StreamResult r = streamer.stream(0, TARGET, 1, 0).get(20, TimeUnit.SECONDS);

            assertThat(received).hasSize(count);
            assertThat(duplicates).hasValue(0);
            assertThat(r.keys()).isEqualTo(count);
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                bytes += StoredKey.of("carts", ("k" + i).getBytes(StandardCharsets.UTF_8)).length + 1000;
            }
            assertThat(r.bytes()).isEqualTo(bytes);
            assertThat(frames.get()).isBetween(4, 6); // about 5 MB in frames of about 1 MB
            assertThat(mostUnacknowledged.get()).isLessThanOrEqualTo(2);
        } finally {
            target.shutdownNow();
        }
    }

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
        }, NO_TREES)) {
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
