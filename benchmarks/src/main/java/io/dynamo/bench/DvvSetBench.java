package io.dynamo.bench;

import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The version work a coordinator and its replicas do on every write (DESIGN §3, §4): decode the
 * stored DVV set, apply the put or merge the coordinator's state, encode. A typical key: three
 * node actors, 1 to 3 siblings of 100-byte values, counters in the hundreds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DvvSetBench {
    private static final String[] NODES = {"10.0.0.1:7101", "10.0.0.2:7101", "10.0.0.3:7101"};
    private static final long TS = 1_732_000_000_000L << 16;

    @Param({"1", "3"})
    public int siblings;

    private DvvSet stored;
    private byte[] storedBytes;
    private VersionVector context;
    private DvvSet incoming;
    private byte[] value;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        value = new byte[100];
        random.nextBytes(value);
        VersionVector history = VersionVector.of(Map.of(NODES[0], 310L, NODES[1], 297L, NODES[2], 305L));
        // One write that saw the history, then siblings-1 writes concurrent with it on other nodes.
        DvvSet state = DvvSet.empty().put(history, NODES[0], TS, value);
        VersionVector seen = state.context();
        for (int i = 1; i < siblings; i++) {
            state = state.put(history, NODES[i % NODES.length], TS + i, value);
        }
        stored = state;
        storedBytes = stored.encode();
        context = stored.context();
        // What a replica receives from the coordinator: a write on node 2 that replaced the first
        // sibling only, so a merge drops one sibling and adds one.
        incoming = DvvSet.empty().sync(state).put(seen, NODES[1], TS + 10, value);
    }

    @Benchmark
    public DvvSet putWithContext() {
        return stored.put(context, NODES[0], TS + 20, value);
    }

    @Benchmark
    public DvvSet putWithoutContext() {
        return stored.put(VersionVector.empty(), NODES[0], TS + 20, value);
    }

    @Benchmark
    public DvvSet sync() {
        return stored.sync(incoming);
    }

    @Benchmark
    public byte[] encode() {
        return stored.encode();
    }

    @Benchmark
    public DvvSet decode() {
        return DvvSet.decode(storedBytes);
    }

    @Benchmark
    public VersionVector contextRoundTrip() {
        return VersionVector.decode(context.encode());
    }

    /** The coordinator's whole version work on a write: decode, put, encode. */
    @Benchmark
    public byte[] coordinatorWrite() {
        return DvvSet.decode(storedBytes).put(context, NODES[0], TS + 20, value).encode();
    }

    /** A replica applying the coordinator's state: decode, sync, encode. */
    @Benchmark
    public byte[] replicaMerge() {
        return DvvSet.decode(storedBytes).sync(incoming).encode();
    }
}
