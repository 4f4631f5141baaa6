package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.LocalReplica;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.RecordingEngine;
import io.dynamo.storage.StorageEngines;
import io.dynamo.storage.StorageException;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReplicaTreesTest {
    private static final int PARTITIONS = 8;

    @Test
    void treesFollowWritesDeletesAndMergesThroughTheListener() {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            LocalReplica local = new LocalReplica(engine, 25, 100);
            ReplicaTrees trees = trees(engine);
            local.listen(trees);
            trees.buildAll();
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 3000; i++) {
                write(local, random);
            }
            assertSameAsRebuilt(engine, trees);
            assertThat(trees.tombstoneKeys(0) + trees.tombstoneKeys(1)).isPositive();
        }
    }

    @Test
    void buildWhileWritersRunEndsExactlyAsABuildOfTheFinalContents() throws Exception {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            LocalReplica local = new LocalReplica(engine, 25, 100);
            SplittableRandom seed = new SplittableRandom(5);
            for (int i = 0; i < 20_000; i++) {
                write(local, seed);
            }
            ReplicaTrees trees = trees(engine);
            local.listen(trees); // the node installs the listener first, then builds in the background
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                SplittableRandom random = new SplittableRandom(100 + w);
                Thread t = new Thread(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        write(local, random);
                    }
                });
                t.start();
                writers.add(t);
            }
            started.await();
            trees.buildAll();
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(trees.ready(p)).isTrue();
            }
            Thread.sleep(50); // writers keep changing built trees
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
            assertSameAsRebuilt(engine, trees);
        }
    }

    @Test
    void buildOfANearlyEmptyEngineRacingTheFirstWritesLosesNoKey() throws Exception {
        for (int round = 0; round < 30; round++) {
            try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
                LocalReplica local = new LocalReplica(engine, 25, 100);
                ReplicaTrees trees = trees(engine);
                local.listen(trees);
                SplittableRandom random = new SplittableRandom(round);
                Thread builder = new Thread(trees::buildAll);
                builder.start();
                for (int i = 0; i < 400; i++) {
                    write(local, random);
                }
                builder.join();
                assertSameAsRebuilt(engine, trees);
            }
        }
    }

    @Test
    void aWriteTheEngineRefusesLeavesTheTreeAsTheStoredDataSoAntiEntropyStillRepairsIt() {
        try (RecordingEngine engine = new RecordingEngine(StorageEngines.memory(EngineOptions.defaults()))) {
            LocalReplica local = new LocalReplica(engine, 25, 100);
            ReplicaTrees trees = trees(engine);
            local.listen(trees);
            trees.buildAll();
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 200; i++) {
                write(local, random);
            }
            engine.failWrites = true;
            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> write(local, random)).isInstanceOf(StorageException.class);
            }
            engine.failWrites = false;
            assertSameAsRebuilt(engine, trees);
        }
    }

    @Test
    void groupCommittedWritesKeepTheTreeAsTheStoredDataAndAFailedBatchChangesNoTree() throws Exception {
        ExecutorService storage = Executors.newFixedThreadPool(2);
        try (RecordingEngine engine = new RecordingEngine(StorageEngines.memory(EngineOptions.defaults()))) {
            LocalReplica local = new LocalReplica(engine, 25, 100, HybridLogicalClock.system(), Optional.of(storage));
            ReplicaTrees trees = trees(engine);
            local.listen(trees);
            trees.buildAll();
            assertThat(submitFromThreads(local, storage, 400, 1, true)).isZero();
            assertSameAsRebuilt(engine, trees);

            engine.failWrites = true;
            // Every new version in a failing batch fails (a merge of what is stored already changes nothing, needs no write).
            assertThat(submitFromThreads(local, storage, 100, 2, false)).isEqualTo(100);
            engine.failWrites = false;
            assertSameAsRebuilt(engine, trees);
        } finally {
            storage.shutdownNow();
        }
    }

    /**
     * Submits {@code count} writes (new versions, and with {@code merges} also peers' states) from
     * the storage threads at once; the number that failed, each as the engine refused it.
     */
    private static int submitFromThreads(LocalReplica local, ExecutorService storage, int count, long seed, boolean merges)
            throws Exception {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000 + i);
            byte[] key = ("key-" + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
            writes.add(CompletableFuture.supplyAsync(() -> !merges || random.nextBoolean()
                    ? local.submitWrite("a", random.nextInt(2), key, VersionVector.empty(), "n1", 1000 + random.nextInt(1000),
                            Optional.of(("v" + random.nextInt()).getBytes(StandardCharsets.UTF_8)), ConflictPolicy.SIBLINGS)
                    : local.submitMerge("a", random.nextInt(2), key,
                            DvvSet.empty().put(VersionVector.empty(), "n9", 7000, ("m" + random.nextInt(5)).getBytes(StandardCharsets.UTF_8)),
                            ConflictPolicy.SIBLINGS), storage).thenCompose(f -> f));
        }
        int failed = 0;
        for (CompletableFuture<?> w : writes) {
            Throwable error = w.handle((v, e) -> e).get(30, TimeUnit.SECONDS);
            if (error != null) {
                assertThat(PeerClient.unwrap(error)).isInstanceOf(StorageException.class);
                failed++;
            }
        }
        return failed;
    }

    private static void write(LocalReplica local, SplittableRandom random) {
        int partition = random.nextInt(2);
        byte[] key = ("key-" + random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
        String cache = random.nextBoolean() ? "a" : "b";
        int op = random.nextInt(10);
        if (op < 6) {
            local.write(cache, partition, key, VersionVector.empty(), "n" + random.nextInt(3), 1000 + random.nextInt(1000),
                    Optional.of(("v" + random.nextInt()).getBytes(StandardCharsets.UTF_8)), ConflictPolicy.LAST_WRITE_WINS);
        } else if (op < 8) {
            DvvSet current = local.read(cache, partition, key).orElse(DvvSet.empty());
            local.write(cache, partition, key, current.context(), "n1", 5000, Optional.empty(), ConflictPolicy.SIBLINGS);
        } else {
            DvvSet other = DvvSet.empty().put(VersionVector.empty(), "n9", 7000, ("m" + random.nextInt(5)).getBytes(StandardCharsets.UTF_8));
            local.merge(cache, partition, key, other, ConflictPolicy.SIBLINGS);
        }
    }

    private static ReplicaTrees trees(StorageEngine engine) {
        return new ReplicaTrees(engine, PARTITIONS, 10, EngineOptions.DEFAULT_MAX_KEY_BYTES, EngineOptions.DEFAULT_MAX_VALUE_BYTES);
    }

    private static void assertSameAsRebuilt(StorageEngine engine, ReplicaTrees trees) {
        ReplicaTrees rebuilt = trees(engine);
        rebuilt.buildAll();
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(trees.tree(p).sameLeaves(rebuilt.tree(p))).as("partition %d", p).isTrue();
            assertThat(trees.tree(p).keyCount()).isEqualTo(rebuilt.tree(p).keyCount());
            assertThat(trees.tombstoneKeys(p)).isEqualTo(rebuilt.tombstoneKeys(p));
        }
    }
}
