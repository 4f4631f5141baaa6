package io.dynamo.version;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A map from actor (a node id: server-side actors keep the vector as small as the replica set)
 * to the highest counter seen from it. Immutable. This is what a read's context carries.
 *
 * <p>Counters are contiguous (paper §4.4's vector clocks, as in a DVV set's causal context):
 * counter {@code n} for actor {@code a} means that writes {@code a:1 .. a:n} were all seen.
 * Held as two parallel arrays sorted by actor, because a vector has a handful of entries and
 * every write merges a few of them: a linear merge of sorted arrays beats any map.
 */
public final class VersionVector {
    static final int FORMAT_VERSION = 1;

    private static final String[] NO_ACTORS = new String[0];
    private static final long[] NO_COUNTERS = new long[0];
    private static final VersionVector EMPTY = new VersionVector(NO_ACTORS, NO_COUNTERS);
    private static final byte[] EMPTY_ENCODING = new byte[0];

    private final String[] actors;   // sorted, distinct, non-empty strings
    private final long[] counters;   // each >= 1

    private VersionVector(String[] actors, long[] counters) {
        this.actors = actors;
        this.counters = counters;
    }

    public static VersionVector empty() {
        return EMPTY;
    }

    /** A vector with the given entries; entries with counter 0 mean "nothing seen" and are left out. */
    public static VersionVector of(Map<String, Long> entries) {
        Objects.requireNonNull(entries, "entries");
        TreeMap<String, Long> sorted = new TreeMap<>();
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            String actor = requireActor(e.getKey());
            long counter = Objects.requireNonNull(e.getValue(), "counter of " + actor);
            if (counter < 0) {
                throw new IllegalArgumentException("counter of " + actor + " must be >= 0, got " + counter);
            }
            if (counter > 0) {
                sorted.put(actor, counter);
            }
        }
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        String[] a = sorted.keySet().toArray(NO_ACTORS);
        long[] c = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = sorted.get(a[i]);
        }
        return new VersionVector(a, c);
    }

    /** The vector of one actor, e.g. the dot of a single write. */
    public static VersionVector of(String actor, long counter) {
        return of(Map.of(requireActor(actor), counter));
    }

    /** The highest counter seen from {@code actor}; 0 when none. */
    public long counter(String actor) {
        int i = indexOf(requireActor(actor));
        return i >= 0 ? counters[i] : 0;
    }

    public boolean covers(Dot dot) {
        Objects.requireNonNull(dot, "dot");
        int i = indexOf(dot.actor());
        return i >= 0 && counters[i] >= dot.counter();
    }

    /** True when this vector has seen everything {@code other} has. */
    public boolean descends(VersionVector other) {
        Objects.requireNonNull(other, "other");
        String[] oa = other.actors;
        int i = 0;
        for (int j = 0; j < oa.length; j++) {
            while (i < actors.length && actors[i].compareTo(oa[j]) < 0) {
                i++;
            }
            if (i == actors.length || !actors[i].equals(oa[j]) || counters[i] < other.counters[j]) {
                return false;
            }
        }
        return true;
    }

    /** Pointwise maximum. */
    public VersionVector merge(VersionVector other) {
        if (this.descends(other)) {
            return this;
        }
        if (other.descends(this)) {
            return other;
        }
        String[] oa = other.actors;
        long[] oc = other.counters;
        String[] ma = new String[actors.length + oa.length];
        long[] mc = new long[ma.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < actors.length || j < oa.length) {
            int cmp = i == actors.length ? 1 : j == oa.length ? -1 : actors[i].compareTo(oa[j]);
            if (cmp < 0) {
                ma[k] = actors[i];
                mc[k++] = counters[i++];
            } else if (cmp > 0) {
                ma[k] = oa[j];
                mc[k++] = oc[j++];
            } else {
                ma[k] = actors[i];
                mc[k++] = Math.max(counters[i++], oc[j++]);
            }
        }
        return new VersionVector(Arrays.copyOf(ma, k), Arrays.copyOf(mc, k));
    }

    /**
     * The context to hand back to the writer of {@code dot} whose own context was this vector:
     * what it saw plus its write, never more. A vector is contiguous (a counter covers all earlier
     * dots of its actor), so it can record {@code dot} only when dot directly follows this
     * vector's counter for that actor; otherwise the dots in between are other clients'
     * concurrent writes, which a later put with the answer would silently drop, and the answer is
     * this vector unchanged (a later put then keeps the writer's own value as a sibling: a
     * spurious sibling is safe, a dropped one is a lost write).
     */
    public VersionVector seenWith(Dot dot) {
        return counter(dot.actor()) + 1 == dot.counter() ? with(dot) : this;
    }

    /** This vector having also seen {@code dot} (and so, by contiguity, all its actor's earlier dots). */
    VersionVector with(Dot dot) {
        int i = indexOf(dot.actor());
        if (i >= 0) {
            if (counters[i] >= dot.counter()) {
                return this;
            }
            long[] c = counters.clone();
            c[i] = dot.counter();
            return new VersionVector(actors, c);
        }
        int at = -i - 1;
        String[] a = new String[actors.length + 1];
        long[] c = new long[a.length];
        System.arraycopy(actors, 0, a, 0, at);
        System.arraycopy(counters, 0, c, 0, at);
        a[at] = dot.actor();
        c[at] = dot.counter();
        System.arraycopy(actors, at, a, at + 1, actors.length - at);
        System.arraycopy(counters, at, c, at + 1, actors.length - at);
        return new VersionVector(a, c);
    }

    /** The entries, sorted by actor. */
    public Map<String, Long> entries() {
        TreeMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < actors.length; i++) {
            m.put(actors[i], counters[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Number of actors; bounded by the nodes that ever coordinated a write, never by clients. */
    public int size() {
        return actors.length;
    }

    public boolean isEmpty() {
        return actors.length == 0;
    }

    int indexOf(String actor) {
        // A handful of entries: a linear scan is as fast as a binary search and yields the
        // insertion point the same way.
        for (int i = 0; i < actors.length; i++) {
            int c = actors[i].compareTo(actor);
            if (c == 0) {
                return i;
            }
            if (c > 0) {
                return -i - 1;
            }
        }
        return -actors.length - 1;
    }

    String actorAt(int i) {
        return actors[i];
    }

    long counterAt(int i) {
        return counters[i];
    }

    /**
     * The encoding: a format version byte, then the body (see {@link #writeBody}). The empty
     * vector encodes as no bytes at all, so it maps to {@code io.dynamo.spi.Context.empty()}, and
     * {@link #decode} accepts an empty array as the empty vector.
     */
    public byte[] encode() {
        if (isEmpty()) {
            return EMPTY_ENCODING;
        }
        int[] utf8 = new int[actors.length];
        Encoder out = new Encoder(1 + bodySize(utf8));
        out.writeByte(FORMAT_VERSION);
        writeBody(out, utf8);
        return out.toArray();
    }

    /** @throws IllegalArgumentException on malformed bytes */
    public static VersionVector decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            return EMPTY;
        }
        Decoder in = new Decoder(bytes);
        checkFormat(in);
        VersionVector vv = readBody(in);
        if (vv.isEmpty()) {
            throw Decoder.malformed("the empty vector encodes as no bytes");
        }
        in.expectEnd();
        return vv;
    }

    static void checkFormat(Decoder in) {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw Decoder.malformed("unknown format version " + version);
        }
    }

    /** Size of the body; fills {@code utf8} with each actor's UTF-8 length for {@link #writeBody}. */
    int bodySize(int[] utf8) {
        int size = Encoder.varintSize(actors.length);
        for (int i = 0; i < actors.length; i++) {
            utf8[i] = Encoder.utf8Length(actors[i]);
            size += Encoder.varintSize(utf8[i]) + utf8[i] + Encoder.varintSize(counters[i]);
        }
        return size;
    }

    /** The body: varint count, then per actor in order a varint-length UTF-8 name and a varint counter. */
    void writeBody(Encoder out, int[] utf8) {
        out.writeVarint(actors.length);
        for (int i = 0; i < actors.length; i++) {
            out.writeString(actors[i], utf8[i]);
            out.writeVarint(counters[i]);
        }
    }

    static VersionVector readBody(Decoder in) {
        int n = in.readCount(3); // each entry: length, at least one byte of name, counter
        if (n == 0) {
            return EMPTY;
        }
        String[] a = new String[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readString();
            if (a[i].isEmpty()) {
                throw Decoder.malformed("empty actor");
            }
            if (i > 0 && a[i - 1].compareTo(a[i]) >= 0) {
                throw Decoder.malformed("actors not in strictly increasing order");
            }
            c[i] = in.readVarint();
            if (c[i] < 1) {
                throw Decoder.malformed("counter of " + a[i] + " must be >= 1");
            }
        }
        return new VersionVector(a, c);
    }

    private static String requireActor(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor must not be empty");
        }
        return actor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionVector other
                && Arrays.equals(actors, other.actors)
                && Arrays.equals(counters, other.counters);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(actors) + Arrays.hashCode(counters);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VersionVector{");
        for (int i = 0; i < actors.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(actors[i]).append('=').append(counters[i]);
        }
        return sb.append('}').toString();
    }
}
