package io.dynamo.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.version.ReplicaHistory.ContextSource;
import io.dynamo.version.ReplicaHistory.Op;
import io.dynamo.version.ReplicaHistory.Read;
import io.dynamo.version.ReplicaHistory.Sync;
import io.dynamo.version.ReplicaHistory.Write;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated histories of reads, writes (with no context, a fresh read's context, or a client's
 * stale one), deletes and syncs over three replicas and twenty clients, checked against the
 * causal oracle of {@link ReplicaHistory} after every step. Seeds are fixed so runs repeat.
 */
class DvvSetPropertyTest {

    @Property(tries = 1000, seed = "20240601")
    void everyReplicaHoldsExactlyTheWritesNoOtherWriteItKnowsHasSeen(@ForAll("histories") List<Op> ops) {
        ReplicaHistory h = ReplicaHistory.run(false, ops); // checks the oracle after each step
        Statistics.label("siblings before the final sync").collect(
                h.states().values().stream().mapToInt(DvvSet::siblingCount).max().orElse(0));
        h.syncAll();
        assertConverged(h);
        DvvSet any = h.state("a");
        // Everything is known everywhere: the survivors are the writes no write's context covered.
        assertThat(h.writes().values()).allSatisfy(w -> assertThat(any.context().covers(w.sibling().dot())).isTrue());
        Set<Sibling> maximal = new HashSet<>();
        for (ReplicaHistory.Written w : h.writes().values()) {
            if (h.writes().values().stream().noneMatch(o -> o.context().covers(w.sibling().dot()))) {
                maximal.add(w.sibling());
            }
        }
        assertThat(new HashSet<>(any.siblings())).isEqualTo(maximal);
        assertThat(any.context().size()).isLessThanOrEqualTo(ReplicaHistory.REPLICAS.size());
    }

    @Property(tries = 1000, seed = "20240602")
    void underLastWriteWinsReplicasConvergeOnTheNewestWrite(@ForAll("histories") List<Op> ops) {
        ReplicaHistory h = ReplicaHistory.run(true, ops);
        h.syncAll();
        assertConverged(h);
        DvvSet any = h.state("a");
        assertThat(any.siblings()).isEqualTo(h.lastWrite().map(w -> List.of(w.sibling())).orElse(List.of()));
    }

    @Property(tries = 300, seed = "20240603")
    void concurrentPutsAreAllKeptAsSiblings(
            @ForAll("histories") List<Op> before,
            @ForAll("replicas") String readAt,
            @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 0, max = 2) Integer> writers,
            @ForAll boolean emptyContext) {
        ReplicaHistory h = ReplicaHistory.run(false, before);
        // Several clients write with the same context (or none): on the same or different nodes.
        VersionVector stale = emptyContext ? VersionVector.empty() : h.state(readAt).context();
        List<Sibling> concurrent = new ArrayList<>();
        for (int r : writers) {
            concurrent.add(h.write(ReplicaHistory.REPLICAS.get(r), stale, false, "concurrent"));
        }
        h.syncAll();
        assertConverged(h);
        assertThat(h.state("a").siblings()).containsAll(concurrent);
    }

    @Property(tries = 300, seed = "20240604")
    void aPutWithAReadsContextReplacesWhatTheReadSawAndKeepsWhatItDidNot(
            @ForAll("histories") List<Op> before,
            @ForAll("replicas") String readAt,
            @ForAll("replicas") String writeAt,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 2) Integer> concurrentWriters) {
        ReplicaHistory h = ReplicaHistory.run(false, before);
        DvvSet read = h.state(readAt);
        // Meanwhile other clients write on any node without having seen that read.
        List<Sibling> unseen = new ArrayList<>();
        for (int r : concurrentWriters) {
            unseen.add(h.write(ReplicaHistory.REPLICAS.get(r), VersionVector.empty(), false, "unseen"));
        }
        h.syncAll();
        Sibling update = h.write(writeAt, read.context(), false, "update");
        h.syncAll();
        assertConverged(h);
        List<Sibling> result = h.state("a").siblings();
        assertThat(result).contains(update).containsAll(unseen);
        for (Sibling seen : read.siblings()) {
            assertThat(result).doesNotContain(seen);
        }
    }

    @Property(tries = 200, seed = "20240605")
    void syncIsCommutativeAssociativeAndIdempotent(@ForAll("histories") List<Op> ops, @ForAll boolean lww) {
        List<DvvSet> states = sample(ReplicaHistory.run(lww, ops).snapshots(), 10);
        for (DvvSet x : states) {
            assertThat(x.sync(x)).isEqualTo(x);
            for (DvvSet y : states) {
                DvvSet xy = x.sync(y);
                assertThat(xy).isEqualTo(y.sync(x));
                assertThat(xy.sync(y)).isEqualTo(xy);
                assertThat(xy.context()).isEqualTo(x.context().merge(y.context()));
                for (DvvSet z : states) {
                    assertThat(xy.sync(z)).isEqualTo(x.sync(y.sync(z)));
                }
            }
        }
    }

    @Property(tries = 200, seed = "20240606")
    void lastWriteWinsCommutesWithSync(@ForAll("histories") List<Op> ops) {
        List<DvvSet> states = sample(ReplicaHistory.run(false, ops).snapshots(), 15);
        for (DvvSet x : states) {
            assertThat(x.lastWriteWins().lastWriteWins()).isEqualTo(x.lastWriteWins());
            for (DvvSet y : states) {
                assertThat(x.sync(y).lastWriteWins())
                        .isEqualTo(x.lastWriteWins().sync(y.lastWriteWins()).lastWriteWins());
            }
        }
    }

    @Property(tries = 200, seed = "20240607")
    void encodingRoundTripsEveryState(@ForAll("histories") List<Op> ops, @ForAll boolean lww) {
        for (DvvSet s : ReplicaHistory.run(lww, ops).snapshots()) {
            byte[] bytes = s.encode();
            DvvSet decoded = DvvSet.decode(bytes);
            assertThat(decoded).isEqualTo(s);
            assertThat(decoded.encode()).isEqualTo(bytes);
            assertThat(VersionVector.decode(s.context().encode())).isEqualTo(s.context());
        }
    }

    @Property(tries = 200, seed = "20240608")
    void corruptedEncodingsAreRejectedOrDecodeToExactlyThoseBytes(
            @ForAll("histories") List<Op> ops,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 10_000) Integer> positions,
            @ForAll byte flip) {
        List<DvvSet> snapshots = ReplicaHistory.run(false, ops).snapshots();
        DvvSet s = snapshots.get(snapshots.size() - 1);
        byte[] good = s.encode();
        for (int len = 0; len < good.length; len++) {
            byte[] prefix = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> DvvSet.decode(prefix)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] bad = good.clone();
        for (int p : positions) {
            bad[p % bad.length] ^= (byte) (flip == 0 ? 1 : flip);
        }
        assertRejectedOrCanonical(bad);
        assertVectorRejectedOrCanonical(Arrays.copyOf(bad, Math.min(bad.length, 40)));
    }

    @Property(tries = 1000, seed = "20240609")
    void arbitraryBytesAreRejectedOrCanonical(@ForAll @Size(max = 48) byte[] tail) {
        byte[] bytes = new byte[tail.length + 1];
        bytes[0] = 1; // past the format byte, to reach the parser
        System.arraycopy(tail, 0, bytes, 1, tail.length);
        assertRejectedOrCanonical(bytes);
        assertVectorRejectedOrCanonical(bytes);
    }

    private static void assertRejectedOrCanonical(byte[] bytes) {
        DvvSet decoded;
        try {
            decoded = DvvSet.decode(bytes);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(decoded.encode()).isEqualTo(bytes);
    }

    private static void assertVectorRejectedOrCanonical(byte[] bytes) {
        VersionVector decoded;
        try {
            decoded = VersionVector.decode(bytes);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(decoded.encode()).isEqualTo(bytes);
    }

    private static void assertConverged(ReplicaHistory h) {
        DvvSet a = h.state("a");
        assertThat(h.states().values()).allSatisfy(s -> assertThat(s).isEqualTo(a));
        assertThat(h.state("b").encode()).isEqualTo(a.encode());
    }

    /** Up to {@code n} states spread over the history, so triples stay affordable. */
    private static List<DvvSet> sample(List<DvvSet> states, int n) {
        if (states.size() <= n) {
            return states;
        }
        List<DvvSet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(states.get(i * states.size() / n));
        }
        out.add(states.get(states.size() - 1));
        return out;
    }

    @Provide
    Arbitrary<String> replicas() {
        return Arbitraries.of(ReplicaHistory.REPLICAS);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<String> replica = replicas();
        Arbitrary<Integer> client = Arbitraries.integers().between(0, ReplicaHistory.CLIENTS - 1);
        Arbitrary<Op> read = Combinators.combine(client, replica).as(Read::new);
        Arbitrary<Op> write = Combinators.combine(
                        client, replica, Arbitraries.of(ContextSource.class), replica,
                        Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)))
                .as(Write::new);
        Arbitrary<Op> sync = Combinators.combine(replica, replica).as(Sync::new);
        return Arbitraries.frequencyOf(Tuple.of(5, write), Tuple.of(3, read), Tuple.of(3, sync))
                .list().ofMaxSize(60);
    }
}
