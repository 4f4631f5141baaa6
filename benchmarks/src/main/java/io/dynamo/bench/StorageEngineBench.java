package io.dynamo.bench;

import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.storage.SyncPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point put and get of 100-byte values on the engines, over 100,000 preloaded keys spread over
 * 256 partitions, chosen uniformly at random (a replica's access pattern behind the ring's hash).
 *
 * <p>Run: {@code org.openjdk.jmh.Main StorageEngineBench -f 1 -wi 2 -w 2s -i 3 -r 2s}; add
 * {@code -p sync=EVERY_WRITE} to measure fsync-per-put on RocksDB. The {@code *Four} pairs measure
 * what batching saves (group commit, multiGet): four keys one call each against one batched call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class StorageEngineBench {
    private static final int KEYS = 100_000;
    private static final int PARTITIONS = 256;
    private static final int VALUE_BYTES = 100;

    @Param({"memory", "rocksdb"})
    public String engine;

    @Param({"NONE"})
    public String sync;

    private StorageEngine store;
    private Path directory;
    private byte[][] keys;
    private byte[] value;

    @Setup(Level.Trial)
    public void open() throws IOException {
        EngineOptions options = EngineOptions.defaults().withSync(SyncPolicy.valueOf(sync));
        if (engine.equals("memory")) {
            store = StorageEngines.memory(options);
        } else {
            directory = Files.createTempDirectory("storage-bench");
            store = StorageEngines.rocksDb(directory, options);
        }
        keys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = String.format("user:%08d", i).getBytes(StandardCharsets.US_ASCII);
        }
        value = new byte[VALUE_BYTES];
        new SplittableRandom(42).nextBytes(value);
        for (int i = 0; i < KEYS; i++) {
            store.put(partitionOf(i), keys[i], value);
        }
        store.flush(); // gets then read table files through the bloom filter and block cache
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(StorageEngineBench::delete);
            }
        }
    }

    /** Per-thread key choice, so threads do not share a random generator. */
    @State(Scope.Thread)
    public static class Cursor {
        private final SplittableRandom random = new SplittableRandom(7);

        int next() {
            return random.nextInt(KEYS);
        }
    }

    @Benchmark
    public void put(Cursor cursor) {
        int i = cursor.next();
        store.put(partitionOf(i), keys[i], value);
    }

    @Benchmark
    public Optional<byte[]> get(Cursor cursor) {
        int i = cursor.next();
        return store.get(partitionOf(i), keys[i]);
    }

    @Benchmark
    public int getFourOneByOne(Cursor cursor) {
        int found = 0;
        for (int n = 0; n < 4; n++) {
            int i = cursor.next();
            found += store.get(partitionOf(i), keys[i]).isPresent() ? 1 : 0;
        }
        return found;
    }

    @Benchmark
    public List<Optional<byte[]>> getFourInOneGetAll(Cursor cursor) {
        List<StorageEngine.Key> four = new ArrayList<>(4);
        for (int n = 0; n < 4; n++) {
            int i = cursor.next();
            four.add(new StorageEngine.Key(partitionOf(i), keys[i]));
        }
        return store.getAll(four);
    }

    @Benchmark
    public void putFourOneByOne(Cursor cursor) {
        for (int n = 0; n < 4; n++) {
            int i = cursor.next();
            store.put(partitionOf(i), keys[i], value);
        }
    }

    @Benchmark
    public void putFourInOneWrite(Cursor cursor) {
        List<StorageEngine.Update> four = new ArrayList<>(4);
        for (int n = 0; n < 4; n++) {
            int i = cursor.next();
            four.add(new StorageEngine.Update(new StorageEngine.Key(partitionOf(i), keys[i]), Optional.of(value)));
        }
        store.write(four);
    }

    private static int partitionOf(int i) {
        return i % PARTITIONS;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
