package io.dynamo.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.spi.StorageEngine;
import io.dynamo.spi.StorageEngine.EntryVisitor;
import io.dynamo.spi.StorageEngine.Keyspace;
import io.dynamo.spi.StorageLimitException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link StorageEngine} shares; one concrete subclass per engine. */
abstract class StorageEngineContractTest {
    private final List<StorageEngine> opened = new ArrayList<>();
    StorageEngine engine;

    /** Opens a fresh, empty engine (each call a new store). */
    abstract StorageEngine openEngine(EngineOptions options);

    StorageEngine open(EngineOptions options) {
        StorageEngine e = openEngine(options);
        opened.add(e);
        return e;
    }

    @BeforeEach
    void openDefault() {
        engine = open(EngineOptions.defaults());
    }

    @AfterEach
    void closeAll() {
        opened.forEach(StorageEngine::close);
    }

    // ---- get / put / remove

    @Test
    void missingKeyIsEmpty() {
        assertThat(engine.get(0, bytes("nope"))).isEmpty();
    }

    @Test
    void putThenGetReturnsTheValue() {
        engine.put(3, bytes("k"), bytes("v"));
        assertThat(engine.get(3, bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
    }

    @Test
    void putReplacesTheValue() {
        engine.put(3, bytes("k"), bytes("first"));
        engine.put(3, bytes("k"), bytes("second"));
        assertThat(value(engine.get(3, bytes("k")))).isEqualTo("second");
    }

    @Test
    void removeDeletesAndMissingRemoveIsNoError() {
        engine.put(3, bytes("k"), bytes("v"));
        engine.remove(3, bytes("k"));
        engine.remove(3, bytes("k"));
        engine.remove(4, bytes("never"));
        assertThat(engine.get(3, bytes("k"))).isEmpty();
    }

    @Test
    void emptyValueIsStoredAndDistinctFromAbsent() {
        engine.put(0, bytes("k"), new byte[0]);
        assertThat(engine.get(0, bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void callersCannotAlterStoredBytesThroughTheirArrays() {
        byte[] key = bytes("k");
        byte[] value = bytes("value");
        engine.put(0, key, value);
        value[0] = 'X';
        engine.get(0, bytes("k")).orElseThrow()[1] = 'Y';
        key[0] = 'z';
        assertThat(value(engine.get(0, bytes("k")))).isEqualTo("value");
        engine.scan(0, new byte[0], (k, v) -> {
            k[0] = 'q';
            v[0] = 'q';
            return true;
        });
        assertThat(value(engine.get(0, bytes("k")))).isEqualTo("value");
    }

    @Test
    void partitionsAreIsolated() {
        engine.put(1, bytes("k"), bytes("one"));
        engine.put(2, bytes("k"), bytes("two"));
        assertThat(value(engine.get(1, bytes("k")))).isEqualTo("one");
        assertThat(value(engine.get(2, bytes("k")))).isEqualTo("two");
        engine.remove(1, bytes("k"));
        assertThat(engine.get(1, bytes("k"))).isEmpty();
        assertThat(value(engine.get(2, bytes("k")))).isEqualTo("two");
    }

    // ---- scan

    @Test
    void scanVisitsKeysInUnsignedOrder() {
        byte[][] keys = {{(byte) 0xFF}, {0x7F}, {0x00}, {(byte) 0x80}, {0x7F, 0x00}, {(byte) 0x80, (byte) 0xFF}};
        for (byte[] key : keys) {
            engine.put(5, key, key);
        }
        assertThat(keysOf(5, new byte[0])).containsExactly(
                "00", "7f", "7f00", "80", "80ff", "ff");
    }

    @Test
    void scanStartsAtFromKeyInclusive() {
        for (String k : List.of("a", "b", "c", "d")) {
            engine.put(5, bytes(k), bytes(k));
        }
        assertThat(keysOf(5, bytes("b"))).containsExactly(hex("b"), hex("c"), hex("d"));
        assertThat(keysOf(5, bytes("bb"))).containsExactly(hex("c"), hex("d"));
        assertThat(keysOf(5, bytes("e"))).isEmpty();
    }

    @Test
    void scanStopsWhenTheVisitorSaysSo() {
        for (String k : List.of("a", "b", "c", "d")) {
            engine.put(5, bytes(k), bytes(k));
        }
        List<String> seen = new ArrayList<>();
        engine.scan(5, new byte[0], (k, v) -> {
            seen.add(new String(k, UTF_8));
            return seen.size() < 2;
        });
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void scanOfAPartitionNeverLeaksIntoItsNeighbours() {
        int[] partitions = {0, 1, 2, 255, 256, 65535, 65536, Integer.MAX_VALUE};
        byte[][] keys = {{0x00}, {(byte) 0xFF}, {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
            {0x00, 0x00, 0x00, 0x01}, {(byte) 0xFF, 0x00}};
        for (int p : partitions) {
            if (p == 2) {
                continue; // left empty: an empty partition between two full ones
            }
            for (byte[] key : keys) {
                engine.put(p, key, ByteBuffer.allocate(4).putInt(p).array());
            }
        }
        for (int p : partitions) {
            List<Integer> owners = new ArrayList<>();
            engine.scan(p, new byte[0], (k, v) -> owners.add(ByteBuffer.wrap(v).getInt()));
            if (p == 2) {
                assertThat(owners).as("partition 2").isEmpty();
            } else {
                assertThat(owners).as("partition %d", p).hasSize(keys.length).containsOnly(p);
            }
        }
        List<Integer> fromTop = new ArrayList<>();
        engine.scan(255, new byte[] {(byte) 0xFF, (byte) 0xFF}, (k, v) -> fromTop.add(ByteBuffer.wrap(v).getInt()));
        assertThat(fromTop).containsExactly(255);
    }

    @Test
    void visitorMayRemoveWhatItVisits() {
        for (String k : List.of("a", "b", "c")) {
            engine.put(7, bytes(k), bytes(k));
        }
        engine.scan(7, new byte[0], (k, v) -> {
            engine.remove(7, k);
            return true;
        });
        assertThat(keysOf(7, new byte[0])).isEmpty();
    }

    // ---- hints

    @Test
    void hintsAreAKeyspaceApartFromTheData() {
        // The hint key equals the data key's stored form in partition 1: they must not collide.
        byte[] hintKey = {0, 0, 0, 1, 'k'};
        engine.put(1, bytes("k"), bytes("data"));
        engine.hints().put(hintKey, bytes("hint"));
        engine.hints().put(bytes("k"), bytes("hint2"));

        assertThat(value(engine.get(1, bytes("k")))).isEqualTo("data");
        assertThat(value(engine.hints().get(hintKey))).isEqualTo("hint");
        assertThat(keysOf(1, new byte[0])).containsExactly(hex("k"));
        assertThat(engine.get(0, hintKey)).isEmpty();

        engine.remove(1, bytes("k"));
        assertThat(value(engine.hints().get(hintKey))).isEqualTo("hint");
        engine.hints().remove(hintKey);
        assertThat(engine.hints().get(hintKey)).isEmpty();
        assertThat(value(engine.hints().get(bytes("k")))).isEqualTo("hint2");
    }

    @Test
    void hintScanVisitsExactlyThePrefixInOrder() {
        Keyspace hints = engine.hints();
        for (String k : List.of("node-b/2", "node-a/1", "node-b/1", "node-c/1", "node-b")) {
            hints.put(bytes(k), bytes(k));
        }
        hints.put(new byte[] {(byte) 0xFF, (byte) 0xFF, 1}, bytes("ff"));
        hints.put(new byte[] {(byte) 0xFF, (byte) 0xFF}, bytes("ff"));
        hints.put(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes("fe"));

        assertThat(hintKeys(bytes("node-b/"))).containsExactly(hex("node-b/1"), hex("node-b/2"));
        assertThat(hintKeys(bytes("node-b"))).containsExactly(hex("node-b"), hex("node-b/1"), hex("node-b/2"));
        assertThat(hintKeys(new byte[] {(byte) 0xFF, (byte) 0xFF})).containsExactly("ffff", "ffff01");
        assertThat(hintKeys(bytes("node-z"))).isEmpty();
        assertThat(hintKeys(new byte[0])).hasSize(8);

        List<String> firstOnly = new ArrayList<>();
        hints.scan(bytes("node-"), (k, v) -> {
            firstOnly.add(new String(k, UTF_8));
            return false;
        });
        assertThat(firstOnly).containsExactly("node-a/1");
    }

    // ---- limits and bad input

    @Test
    void keyAndValueAtTheLimitAreAcceptedAndOneByteMoreIsRefusedWithNothingWritten() {
        StorageEngine small = open(EngineOptions.defaults().withMaxKeyBytes(8).withMaxValueBytes(32));
        small.put(0, new byte[8], new byte[32]);
        assertThat(small.get(0, new byte[8])).hasValueSatisfying(v -> assertThat(v).hasSize(32));

        assertThatThrownBy(() -> small.put(0, new byte[9], new byte[1]))
                .isInstanceOfSatisfying(StorageLimitException.class, e -> {
                    assertThat(e.what()).isEqualTo("key");
                    assertThat(e.size()).isEqualTo(9);
                    assertThat(e.limit()).isEqualTo(8);
                });
        assertThat(small.get(0, new byte[9])).isEmpty();

        small.put(0, bytes("k"), bytes("old"));
        assertThatThrownBy(() -> small.put(0, bytes("k"), new byte[33]))
                .isInstanceOfSatisfying(StorageLimitException.class, e -> {
                    assertThat(e.what()).isEqualTo("value");
                    assertThat(e.size()).isEqualTo(33);
                    assertThat(e.limit()).isEqualTo(32);
                });
        assertThat(value(small.get(0, bytes("k")))).isEqualTo("old");
    }

    // ---- batches: getAll and write (group commit)

    @Test
    void getAllGivesEachKeysValueInTheOrderAsked() {
        engine.put(1, bytes("a"), bytes("1a"));
        engine.put(2, bytes("a"), bytes("2a"));
        List<Optional<byte[]>> values = engine.getAll(List.of(new StorageEngine.Key(2, bytes("a")), new StorageEngine.Key(1, bytes("none")),
                new StorageEngine.Key(1, bytes("a")), new StorageEngine.Key(2, bytes("a"))));
        assertThat(values).hasSize(4);
        assertThat(value(values.get(0))).isEqualTo("2a");
        assertThat(values.get(1)).isEmpty();
        assertThat(value(values.get(2))).isEqualTo("1a");
        assertThat(value(values.get(3))).isEqualTo("2a");
        assertThat(engine.getAll(List.of())).isEmpty();
    }

    @Test
    void aBatchWriteAppliesPutsAndRemovesInOrderTheLastOfAKeyWinning() {
        engine.put(0, bytes("gone"), bytes("x"));
        engine.write(List.of(
                update(0, "k", Optional.of(bytes("first"))),
                update(3, "other", Optional.of(bytes("o"))),
                update(0, "gone", Optional.empty()),
                update(0, "k", Optional.of(bytes("second"))),
                update(0, "empty", Optional.of(new byte[0]))));
        assertThat(value(engine.get(0, bytes("k")))).isEqualTo("second");
        assertThat(value(engine.get(3, bytes("other")))).isEqualTo("o");
        assertThat(engine.get(0, bytes("gone"))).isEmpty();
        assertThat(engine.get(0, bytes("empty"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
        engine.write(List.of()); // nothing to do is no error
    }

    @Test
    void aBatchWithOneUpdateOverTheLimitsWritesNone() {
        StorageEngine small = open(EngineOptions.defaults().withMaxKeyBytes(8).withMaxValueBytes(32));
        small.put(0, bytes("k"), bytes("old"));
        assertThatThrownBy(() -> small.write(List.of(
                update(0, "k", Optional.of(bytes("new"))),
                update(0, "big", Optional.of(new byte[33])))))
                .isInstanceOfSatisfying(StorageLimitException.class, e -> assertThat(e.what()).isEqualTo("value"));
        assertThatThrownBy(() -> small.write(List.of(update(0, "k", Optional.empty()), update(-1, "k", Optional.empty()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(value(small.get(0, bytes("k")))).isEqualTo("old");
    }

    static StorageEngine.Update update(int partition, String key, Optional<byte[]> value) {
        return new StorageEngine.Update(new StorageEngine.Key(partition, bytes(key)), value);
    }

    @Test
    void hintsObeyTheSameLimits() {
        StorageEngine small = open(EngineOptions.defaults().withMaxKeyBytes(8).withMaxValueBytes(32));
        small.hints().put(new byte[8], new byte[32]);
        assertThatThrownBy(() -> small.hints().put(new byte[9], new byte[1]))
                .isInstanceOfSatisfying(StorageLimitException.class, e -> assertThat(e.what()).isEqualTo("key"));
        assertThatThrownBy(() -> small.hints().put(bytes("h"), new byte[33]))
                .isInstanceOfSatisfying(StorageLimitException.class, e -> assertThat(e.what()).isEqualTo("value"));
        assertThat(small.hints().get(new byte[9])).isEmpty();
        assertThat(small.hints().get(bytes("h"))).isEmpty();
    }

    @Test
    void defaultLimitsAre64KibKeysAnd16MibValues() {
        byte[] maxKey = new byte[EngineOptions.DEFAULT_MAX_KEY_BYTES];
        maxKey[0] = 1;
        engine.put(0, maxKey, new byte[EngineOptions.DEFAULT_MAX_VALUE_BYTES]);
        assertThat(engine.get(0, maxKey)).hasValueSatisfying(v -> assertThat(v).hasSize(16 * 1024 * 1024));
        assertThatThrownBy(() -> engine.put(0, new byte[64 * 1024 + 1], new byte[1]))
                .isInstanceOf(StorageLimitException.class);
        assertThatThrownBy(() -> engine.put(0, bytes("k"), new byte[16 * 1024 * 1024 + 1]))
                .isInstanceOf(StorageLimitException.class);
        assertThat(engine.get(0, bytes("k"))).isEmpty();
    }

    @Test
    void emptyKeysAreRefused() {
        byte[] empty = new byte[0];
        assertThatThrownBy(() -> engine.put(0, empty, bytes("v"))).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(StorageLimitException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> engine.get(0, empty)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.remove(0, empty)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.hints().put(empty, bytes("v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.hints().get(empty)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativePartitionsAreRefused() {
        assertThatThrownBy(() -> engine.put(-1, bytes("k"), bytes("v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition");
        assertThatThrownBy(() -> engine.get(-1, bytes("k"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.scan(-1, new byte[0], (k, v) -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullArgumentsAreNamed() {
        EntryVisitor all = (k, v) -> true;
        assertNpe("key", () -> engine.get(0, null));
        assertNpe("key", () -> engine.put(0, null, bytes("v")));
        assertNpe("value", () -> engine.put(0, bytes("k"), null));
        assertNpe("key", () -> engine.remove(0, null));
        assertNpe("fromKey", () -> engine.scan(0, null, all));
        assertNpe("visitor", () -> engine.scan(0, new byte[0], null));
        assertNpe("key", () -> engine.hints().get(null));
        assertNpe("value", () -> engine.hints().put(bytes("k"), null));
        assertNpe("prefix", () -> engine.hints().scan(null, all));
        assertNpe("visitor", () -> engine.hints().scan(new byte[0], null));
    }

    // ---- counting, flushing, closing

    @Test
    void approximateKeyCountSeesWrites() {
        for (int i = 0; i < 100; i++) {
            engine.put(i % 4, bytes("key" + i), bytes("v"));
        }
        assertThat(engine.approximateKeyCount()).isBetween(50L, 200L);
    }

    @Test
    void flushKeepsEverything() {
        engine.put(0, bytes("k"), bytes("v"));
        engine.hints().put(bytes("h"), bytes("hv"));
        engine.flush();
        assertThat(value(engine.get(0, bytes("k")))).isEqualTo("v");
        assertThat(value(engine.hints().get(bytes("h")))).isEqualTo("hv");
    }

    @Test
    void everyUseAfterCloseThrowsIllegalState() {
        Keyspace hints = engine.hints();
        engine.close();
        engine.close(); // closing twice is harmless
        List<Runnable> uses = List.of(
                () -> engine.get(0, bytes("k")),
                () -> engine.put(0, bytes("k"), bytes("v")),
                () -> engine.remove(0, bytes("k")),
                () -> engine.scan(0, new byte[0], (k, v) -> true),
                () -> engine.approximateKeyCount(),
                () -> engine.flush(),
                () -> hints.get(bytes("k")),
                () -> hints.put(bytes("k"), bytes("v")),
                () -> hints.remove(bytes("k")),
                () -> hints.scan(new byte[0], (k, v) -> true));
        for (Runnable use : uses) {
            assertThatThrownBy(use::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void closingFromInsideAScanIsRefusedInsteadOfDeadlocking() {
        engine.put(0, bytes("k"), bytes("v"));
        engine.scan(0, new byte[0], (k, v) -> {
            assertThatThrownBy(engine::close).isInstanceOf(IllegalStateException.class);
            return false;
        });
        assertThat(engine.get(0, bytes("k"))).isPresent();
    }

    @Test
    void closeWaitsForARunningScan() throws Exception {
        engine.put(0, bytes("k"), bytes("v"));
        CountDownLatch inScan = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> scan = pool.submit(() -> engine.scan(0, new byte[0], (k, v) -> {
                inScan.countDown();
                await(release);
                return true;
            }));
            assertThat(inScan.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> close = pool.submit(engine::close);
            assertThatThrownBy(() -> close.get(200, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            release.countDown();
            scan.get(10, TimeUnit.SECONDS);
            close.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> engine.get(0, bytes("k"))).isInstanceOf(IllegalStateException.class);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    // ---- read-merge-write

    @Test
    void concurrentIncrementsThroughReadMergeWriteLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 300;
        ReadMergeWrite rmw = new ReadMergeWrite(engine);
        byte[] key = bytes("counter");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // Half the threads use their own instance: exclusion must not depend on sharing one.
                ReadMergeWrite mine = t % 2 == 0 ? rmw : new ReadMergeWrite(engine);
                done.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < perThread; i++) {
                        mine.apply(9, key, StorageEngineContractTest::increment);
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ByteBuffer.wrap(engine.get(9, key).orElseThrow()).getLong()).isEqualTo((long) threads * perThread);
    }

    @Test
    void readMergeWriteStoresRemovesAndReturnsWhatIsStored() {
        ReadMergeWrite rmw = new ReadMergeWrite(engine);
        assertThat(rmw.apply(0, bytes("k"), current -> Optional.of(bytes("a")))).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(bytes("a")));
        assertThat(value(engine.get(0, bytes("k")))).isEqualTo("a");
        assertThat(rmw.apply(0, bytes("k"), current -> Optional.empty())).isEmpty();
        assertThat(engine.get(0, bytes("k"))).isEmpty();
    }

    // ---- helpers

    static Optional<byte[]> increment(Optional<byte[]> current) {
        long n = current.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
        return Optional.of(ByteBuffer.allocate(8).putLong(n + 1).array());
    }

    List<String> keysOf(int partition, byte[] fromKey) {
        List<String> keys = new ArrayList<>();
        engine.scan(partition, fromKey, (k, v) -> keys.add(hex(k)));
        return keys;
    }

    List<String> hintKeys(byte[] prefix) {
        List<String> keys = new ArrayList<>();
        engine.hints().scan(prefix, (k, v) -> keys.add(hex(k)));
        return keys;
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String value(Optional<byte[]> v) {
        return new String(v.orElseThrow(), UTF_8);
    }

    static String hex(String s) {
        return hex(bytes(s));
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertNpe(String name, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(NullPointerException.class).hasMessage(name);
    }
}
