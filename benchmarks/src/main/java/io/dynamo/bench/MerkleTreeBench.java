package io.dynamo.bench;

import io.dynamo.antientropy.ReplicaTrees;
import io.dynamo.replica.StoredKey;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What anti-entropy adds to every stored change (paper §4.7): the replica listener moves the key's
 * digest from its old version to its new one in the partition's Merkle tree (two 128-bit SHA-256
 * digests of the key and its encoded state, two leaf updates). And what an exchange pays to
 * start: a partition's root after a write made one branch dirty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MerkleTreeBench {
    private static final int KEYS = 100_000;
    private static final int PARTITIONS = 256;

    private StorageEngine engine;
    private ReplicaTrees trees;
    private byte[][] keys;
    private byte[] older;
    private byte[] newer;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = StorageEngines.memory(EngineOptions.defaults());
        trees = new ReplicaTrees(engine, PARTITIONS, 10, EngineOptions.DEFAULT_MAX_KEY_BYTES, EngineOptions.DEFAULT_MAX_VALUE_BYTES);
        trees.buildAll();
        keys = new byte[KEYS][];
        DvvSet state = DvvSet.empty().put(VersionVector.empty(), "10.0.0.1:7101", 1L << 40, new byte[100]);
        older = state.encode();
        newer = state.put(state.context(), "10.0.0.2:7101", 2L << 40, new byte[100]).encode();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = StoredKey.of("bench", ("user:" + i).getBytes());
            trees.stored(i % PARTITIONS, keys[i], Optional.empty(), Optional.of(older));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** One overwrite as the listener sees it: old state out, new state in (then back, to stay balanced). */
    @Benchmark
    public void listenerOnOverwrite() {
        int i = next++ % KEYS;
        boolean forward = (next / KEYS) % 2 == 0;
        trees.stored(i % PARTITIONS, keys[i], Optional.of(forward ? older : newer), Optional.of(forward ? newer : older));
    }

    /** A write, then the root an exchange compares first: one level-1 node and the root rehashed. */
    @Benchmark
    public byte[] rootAfterOneWrite() {
        int i = next++ % KEYS;
        boolean forward = (next / KEYS) % 2 == 0;
        trees.stored(i % PARTITIONS, keys[i], Optional.of(forward ? older : newer), Optional.of(forward ? newer : older));
        return trees.tree(i % PARTITIONS).root();
    }
}
