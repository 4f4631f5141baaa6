package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.ReadMergeWrite.Change;
import io.dynamo.storage.ReadMergeWrite.Written;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches of read-merge-writes ({@link ReadMergeWrite#applyAll}) and the group commit that forms them. */
class GroupCommitTest {
    private final StorageEngine memory = StorageEngines.memory(EngineOptions.defaults());
    private final RecordingEngine engine = new RecordingEngine(memory);
    private final ReadMergeWrite rmw = new ReadMergeWrite(engine);
    private final List<String> told = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() throws InterruptedException {
        engine.gate = null;
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        memory.close();
    }

    @Test
    void severalWritesOfOneKeyInOneBatchMergeInOrderInOneEngineWrite() {
        memory.put(1, bytes("k"), bytes("a"));
        List<Change> changes = List.of(change(1, "k", append("b")), change(2, "other", append("x")), change(1, "k", append("c")),
                change(1, "k", append("d")));
        rmw.applyAll(changes);

        assertThat(text(memory.get(1, bytes("k")))).isEqualTo("abcd"); // each merged the one before, none overwrote it
        assertThat(text(memory.get(2, bytes("other")))).isEqualTo("x");
        assertThat(engine.batches).containsExactly(2); // one write of the two keys' final states
        assertThat(engine.writes).isEmpty(); // no single put on the side
        assertThat(changes.stream().map(c -> text(c.done().join()))).containsExactly("ab", "x", "abc", "abcd");
        assertThat(told).containsExactly("1:k a->ab", "2:other ->x", "1:k ab->abc", "1:k abc->abcd");
    }

    @Test
    void aLargeBatchAlsoChainsEachKeysWritesInOrder() {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            changes.add(change(i % 3, "k" + (i % 5), append(Integer.toString(i % 10))));
        }
        rmw.applyAll(changes);
        for (int k = 0; k < 15; k++) { // (partition, key) pairs: i % 3 and i % 5 repeat every 15
            StringBuilder expected = new StringBuilder();
            for (int i = k; i < 40; i += 15) {
                expected.append(i % 10);
            }
            assertThat(text(memory.get(k % 3, bytes("k" + (k % 5))))).isEqualTo(expected.toString());
        }
        assertThat(engine.batches).containsExactly(15);
    }

    @Test
    void aFailingBatchFailsEveryWriteInItAndTellsNoneOfThem() {
        memory.put(1, bytes("k"), bytes("a"));
        engine.failWrites = true;
        List<Change> changes = List.of(change(1, "k", append("b")), change(2, "other", append("x")), change(1, "k", append("c")));
        rmw.applyAll(changes);

        for (Change c : changes) {
            assertThat(c.done()).isCompletedExceptionally();
            assertThat(c.done().handle((v, e) -> e).join()).hasMessage("disk full");
        }
        assertThat(told).isEmpty(); // derived state (the Merkle trees) follows only what was stored
        assertThat(text(memory.get(1, bytes("k")))).isEqualTo("a");
        assertThat(memory.get(2, bytes("other"))).isEmpty();
    }

    @Test
    void aFailingMergeFailsOnlyItsOwnWriteAndTheNextOfItsKeyMergesWhatCameBefore() {
        List<Change> changes = List.of(change(1, "k", append("a")), change(1, "k", current -> {
            current.orElseThrow()[0] = 'z'; // edits what it was given, then fails: must change nothing
            throw new IllegalStateException("too many siblings");
        }), change(1, "k", append("b")));
        rmw.applyAll(changes);

        assertThat(changes.get(1).done().handle((v, e) -> e).join()).hasMessage("too many siblings");
        assertThat(text(changes.get(2).done().join())).isEqualTo("ab");
        assertThat(text(memory.get(1, bytes("k")))).isEqualTo("ab");
        assertThat(told).containsExactly("1:k ->a", "1:k a->ab");
    }

    @Test
    void aWriteOverTheEnginesLimitsFailsAloneAndTheRestOfItsBatchIsStored() {
        StorageEngine small = StorageEngines.memory(EngineOptions.defaults().withMaxValueBytes(4));
        ReadMergeWrite limited = new ReadMergeWrite(new RecordingEngine(small));
        List<Change> changes = List.of(change(1, "k", append("ab")), change(1, "big", append("too long")), change(2, "k", append("cd")));
        limited.applyAll(changes);

        assertThat(changes.get(1).done().handle((v, e) -> e).join()).isInstanceOf(io.dynamo.spi.StorageLimitException.class);
        assertThat(text(changes.get(0).done().join())).isEqualTo("ab");
        assertThat(text(small.get(1, bytes("k")))).isEqualTo("ab");
        assertThat(text(small.get(2, bytes("k")))).isEqualTo("cd");
        assertThat(small.get(1, bytes("big"))).isEmpty();
        assertThat(told).containsExactly("1:k ->ab", "2:k ->cd");
        small.close();
    }

    @Test
    void aWriteIsAnsweredOnlyOnceItsBatchIsStoredAndWritesQueuedMeanwhileShareTheNextBatch() {
        GroupCommit group = new GroupCommit(rmw, Optional.empty());
        CountDownLatch release = new CountDownLatch(1);
        engine.gate = release;
        CompletableFuture<CompletableFuture<Optional<byte[]>>> first =
                CompletableFuture.supplyAsync(() -> group.submit(1, bytes("k"), append("a"), written(1, "k")), threads);
        StorageEngineContractTest.await(engine.batchWaiting); // the first batch is in the engine's write, held there

        List<CompletableFuture<Optional<byte[]>>> queued = new ArrayList<>();
        for (String s : List.of("b", "c", "d")) {
            queued.add(group.submit(1, bytes("k"), append(s), written(1, "k"))); // returns at once: a batch is in progress
        }
        queued.add(group.submit(2, bytes("other"), append("x"), written(2, "other")));
        assertThat(queued).noneMatch(CompletableFuture::isDone);
        assertThat(first).isNotDone();
        assertThat(told).isEmpty();

        engine.gate = null;
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> queued.stream().allMatch(CompletableFuture::isDone));
        assertThat(text(first.join().join())).isEqualTo("a");
        assertThat(queued.stream().map(f -> text(f.join()))).containsExactly("ab", "abc", "abcd", "x");
        assertThat(engine.batches).containsExactly(1, 2); // the three writes of k and the one of other: one batch
        assertThat(text(memory.get(1, bytes("k")))).isEqualTo("abcd");
    }

    @Test
    void concurrentSubmitsOfOneKeyLoseNoWrite() throws Exception {
        ExecutorService submitting = Executors.newFixedThreadPool(4);
        GroupCommit group = new GroupCommit(rmw, Optional.of(threads));
        List<CompletableFuture<Optional<byte[]>>> all = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            submitters.add(CompletableFuture.runAsync(() -> {
                StorageEngineContractTest.await(start);
                for (int i = 0; i < 250; i++) {
                    all.add(group.submit(1, bytes("n"), increment(), Written.NONE));
                }
            }, submitting));
        }
        start.countDown();
        try {
            CompletableFuture.allOf(submitters.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            submitting.shutdownNow();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(java.nio.ByteBuffer.wrap(memory.get(1, bytes("n")).orElseThrow()).getInt()).isEqualTo(1000);
    }

    private Change change(int partition, String key, UnaryOperator<Optional<byte[]>> merge) {
        return new Change(partition, bytes(key), merge, written(partition, key), new CompletableFuture<>());
    }

    private Written written(int partition, String key) {
        return (before, after) -> told.add(partition + ":" + key + " " + text(before) + "->" + text(after));
    }

    private static UnaryOperator<Optional<byte[]>> append(String s) {
        return current -> Optional.of((text(current) + s).getBytes(StandardCharsets.UTF_8));
    }

    private static UnaryOperator<Optional<byte[]>> increment() {
        return current -> Optional.of(java.nio.ByteBuffer.allocate(4)
                .putInt(current.map(b -> java.nio.ByteBuffer.wrap(b).getInt()).orElse(0) + 1).array());
    }

    private static String text(Optional<byte[]> value) {
        return value.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
