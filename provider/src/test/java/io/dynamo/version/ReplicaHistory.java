package io.dynamo.version;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One key replicated on nodes a, b and c, written by many clients through them, with an oracle:
 * every write is remembered with the context it carried, so the exact causal order is known and
 * each replica's state can be checked after every step.
 *
 * <p>The oracle: a replica whose clock covers a set of writes must hold, as siblings, exactly
 * those of them that no other covered write's context covered (siblings policy), or only the
 * newest of them (last-write-wins, timestamps from one global clock, so causally later writes
 * have later timestamps, as a hybrid logical clock guarantees).
 */
final class ReplicaHistory {
    static final List<String> REPLICAS = List.of("a", "b", "c");
    static final int CLIENTS = 20;

    sealed interface Op permits Read, Write, Sync {}

    /** A client reads at a replica and remembers the context. */
    record Read(int client, String replica) implements Op {}

    enum ContextSource { NONE, FRESH_READ, CLIENT_LAST_READ }

    /**
     * A client writes through {@code replica} with no context, the context of a read at
     * {@code readReplica} made just now, or the (maybe stale) context of its own last read.
     */
    record Write(int client, String replica, ContextSource source, String readReplica, boolean delete) implements Op {}

    /** Anti-entropy or read repair: {@code to} merges the state of {@code from}. */
    record Sync(String to, String from) implements Op {}

    /** A write as the oracle remembers it. */
    record Written(Sibling sibling, VersionVector context) {}

    private final boolean lww;
    private final Map<String, DvvSet> states = new LinkedHashMap<>();
    private final VersionVector[] clientContexts = new VersionVector[CLIENTS];
    private final Map<Dot, Written> writes = new LinkedHashMap<>();
    private final Set<DvvSet> snapshots = new LinkedHashSet<>();
    private long time;

    ReplicaHistory(boolean lww) {
        this.lww = lww;
        REPLICAS.forEach(r -> states.put(r, DvvSet.empty()));
        java.util.Arrays.fill(clientContexts, VersionVector.empty());
        snapshots.add(DvvSet.empty());
    }

    static ReplicaHistory run(boolean lww, List<Op> ops) {
        ReplicaHistory h = new ReplicaHistory(lww);
        ops.forEach(h::apply);
        return h;
    }

    DvvSet state(String replica) {
        return states.get(replica);
    }

    Map<String, DvvSet> states() {
        return states;
    }

    /** Every distinct state any replica went through. */
    List<DvvSet> snapshots() {
        return new ArrayList<>(snapshots);
    }

    Map<Dot, Written> writes() {
        return writes;
    }

    Optional<Written> lastWrite() {
        return writes.values().stream().reduce((x, y) -> y);
    }

    void apply(Op op) {
        if (op instanceof Read r) {
            clientContexts[r.client()] = state(r.replica()).context();
        } else if (op instanceof Write w) {
            VersionVector context = switch (w.source()) {
                case NONE -> VersionVector.empty();
                case FRESH_READ -> state(w.readReplica()).context();
                case CLIENT_LAST_READ -> clientContexts[w.client()];
            };
            write(w.replica(), context, w.delete(), "client " + w.client());
        } else if (op instanceof Sync s) {
            sync(s.to(), s.from());
        }
    }

    /** A write through {@code replica}; returns the new sibling. */
    Sibling write(String replica, VersionVector context, boolean delete, String label) {
        DvvSet before = state(replica);
        long ts = ++time;
        byte[] value = (label + " write " + ts).getBytes(UTF_8);
        DvvSet after = delete ? before.delete(context, replica, ts) : before.put(context, replica, ts, value);

        Set<Sibling> added = new HashSet<>(after.siblings());
        before.siblings().forEach(added::remove);
        assertThat(added).as("a put adds exactly one sibling").hasSize(1);
        Sibling written = added.iterator().next();
        assertThat(written.dot().actor()).as("server-side actor").isEqualTo(replica);
        assertThat(writes).as("a fresh dot").doesNotContainKey(written.dot());
        assertThat(written.timestamp()).isEqualTo(ts);
        assertThat(written.tombstone()).isEqualTo(delete);
        assertThat(written.value()).isEqualTo(delete ? new byte[0] : value);

        // Exactly the siblings the context saw are replaced; all others stay.
        Set<Sibling> expected = new HashSet<>();
        expected.add(written);
        before.siblings().stream().filter(s -> !context.covers(s.dot())).forEach(expected::add);
        assertThat(new HashSet<>(after.siblings())).as("put with context %s on %s", context, before)
                .isEqualTo(expected);
        assertThat(after.context().descends(context)).isTrue();
        assertThat(after.context().descends(before.context())).isTrue();

        writes.put(written.dot(), new Written(written, context));
        update(replica, after);
        return written;
    }

    void sync(String to, String from) {
        update(to, state(to).sync(state(from)));
    }

    /** Every replica merges every other's state: after one round all hold everything. */
    void syncAll() {
        for (String to : REPLICAS) {
            for (String from : REPLICAS) {
                if (!to.equals(from)) {
                    sync(to, from);
                }
            }
        }
    }

    private void update(String replica, DvvSet next) {
        DvvSet state = lww ? next.lastWriteWins() : next;
        states.put(replica, state);
        snapshots.add(state);
        checkAgainstOracle(state);
    }

    private void checkAgainstOracle(DvvSet state) {
        assertThat(state.context().size()).as("server-side actors bound the vector").isLessThanOrEqualTo(REPLICAS.size());
        assertThat(state.siblings()).allSatisfy(s -> assertThat(state.context().covers(s.dot())).isTrue());
        assertThat(new HashSet<>(state.siblings())).as("siblings of %s", state).isEqualTo(expectedSiblings(state.context()));
    }

    /** What a replica whose clock is {@code clock} must hold according to the oracle. */
    Set<Sibling> expectedSiblings(VersionVector clock) {
        List<Written> known = writes.values().stream().filter(w -> clock.covers(w.sibling().dot())).toList();
        // By contiguity the clock covers only dots that were really written.
        clock.entries().forEach((actor, counter) -> assertThat(
                known.stream().filter(w -> w.sibling().dot().actor().equals(actor)).count()).isEqualTo(counter));
        Set<Sibling> expected = new HashSet<>();
        if (lww) {
            known.stream().map(Written::sibling).max(Sibling::lwwCompare).ifPresent(expected::add);
        } else {
            for (Written w : known) {
                boolean superseded = known.stream().anyMatch(o -> o.context().covers(w.sibling().dot()));
                if (!superseded) {
                    expected.add(w.sibling());
                }
            }
        }
        return expected;
    }
}
