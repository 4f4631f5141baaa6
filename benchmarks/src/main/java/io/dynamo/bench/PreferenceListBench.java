package io.dynamo.bench;

import io.dynamo.ring.KeyHash;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.ring.Replica;
import io.dynamo.ring.Ring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The routing step of every request (paper §4.3): hash the key, find its partition, read its
 * preference list. Keys cycle through a fixed set so the cache of lists is warm, as on a live node.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PreferenceListBench {
    @Param({"256", "4096"})
    int partitions;

    @Param({"8", "64"})
    int nodes;

    private Ring ring;
    private byte[][] keys;
    private int next;
    private Predicate<NodeId> oneDown;

    @Setup
    public void setUp() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add(new Member(new NodeId("node" + i), "10.0.0." + (i + 1), 7000, "zone" + (i % 3)));
        }
        ring = Ring.create(partitions, members);
        keys = new byte[1024][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ("user:" + i + ":cart").getBytes(StandardCharsets.UTF_8);
        }
        NodeId down = new NodeId("node0");
        oneDown = id -> !id.equals(down);
    }

    private byte[] nextKey() {
        byte[] key = keys[next];
        next = (next + 1) & (keys.length - 1);
        return key;
    }

    @Benchmark
    public long hashOnly() {
        return KeyHash.hash(nextKey());
    }

    @Benchmark
    public PreferenceList preferenceList() {
        return ring.preferenceList(ring.partitionOf(nextKey()), 3);
    }

    @Benchmark
    public List<Replica> targetsWithOneNodeDown() {
        return ring.preferenceList(ring.partitionOf(nextKey()), 3).targets(oneDown);
    }
}
