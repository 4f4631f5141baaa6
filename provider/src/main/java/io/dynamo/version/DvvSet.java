package io.dynamo.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A dotted version vector set (Almeida et al.; riak_dt's dvvset): the causal history of a key as
 * a version vector, plus the siblings not yet superseded, each with its dot. Immutable.
 *
 * <p>Writes use server-side actors: the coordinating node's id gets the new dot, so a write needs
 * no read first and the vector stays bounded by the number of nodes, never of clients.
 *
 * <p>Representation: a {@link VersionVector} {@code clock} with contiguous counters, and the
 * siblings sorted by dot (actor, then counter), so that equal states are equal objects and
 * encode to equal bytes. Invariant: the clock covers every sibling's dot. A dot the clock covers
 * but no sibling carries is a write that was seen and superseded; that is how a merge tells
 * "overwritten here" (drop it) from "not yet seen here" (keep it), which plain vector clocks
 * (paper §4.4) cannot do for writes coordinated by the same node.
 */
public final class DvvSet {
    static final int FORMAT_VERSION = 1;

    private static final Sibling[] NO_SIBLINGS = new Sibling[0];
    private static final DvvSet EMPTY = new DvvSet(VersionVector.empty(), NO_SIBLINGS);

    private final VersionVector clock;
    private final Sibling[] siblings; // sorted by dot, distinct dots, all covered by clock

    private DvvSet(VersionVector clock, Sibling[] siblings) {
        this.clock = clock;
        this.siblings = siblings;
    }

    public static DvvSet empty() {
        return EMPTY;
    }

    /**
     * A state from its parts, checked: distinct dots, each covered by {@code clock}. For tests,
     * tools and storage migrations; the store itself builds states with {@link #put} and
     * {@link #sync}.
     */
    public static DvvSet of(VersionVector clock, List<Sibling> siblings) {
        Objects.requireNonNull(clock, "clock");
        Sibling[] s = List.copyOf(siblings).toArray(NO_SIBLINGS); // rejects null siblings
        Arrays.sort(s, (x, y) -> Dot.compare(x.dot(), y.dot()));
        for (int i = 0; i < s.length; i++) {
            if (!clock.covers(s[i].dot())) {
                throw new IllegalArgumentException("clock " + clock + " does not cover sibling " + s[i].dot());
            }
            if (i > 0 && s[i - 1].dot().equals(s[i].dot())) {
                throw new IllegalArgumentException("two siblings with dot " + s[i].dot());
            }
        }
        return s.length == 0 && clock.isEmpty() ? EMPTY : new DvvSet(clock, s);
    }

    /**
     * A write coordinated by {@code actor}: a new sibling at the next dot of {@code actor},
     * replacing exactly the siblings {@code context} covers; the others stay as siblings.
     *
     * <p>The new dot is {@code (actor, max(clock[actor], context[actor]) + 1)}; the new clock is
     * clock ∪ context ∪ {dot}. An empty context has seen nothing, so the write becomes one more
     * sibling. The sibling's timestamp is {@code timestamp}, raised if need be to one more than
     * every timestamp already stored here: the node has seen those (a hybrid logical clock
     * observes what it stores), and it keeps last-write-wins causal, since a write always beats
     * what its replica held when it was made.
     */
    public DvvSet put(VersionVector context, String actor, long timestamp, byte[] value) {
        Objects.requireNonNull(value, "value");
        return write(context, actor, timestamp, false, value);
    }

    /** Like {@link #put} with a tombstone. */
    public DvvSet delete(VersionVector context, String actor, long timestamp) {
        return write(context, actor, timestamp, true, new byte[0]);
    }

    private DvvSet write(VersionVector context, String actor, long timestamp, boolean tombstone, byte[] value) {
        Objects.requireNonNull(context, "context");
        long counter = Math.max(clock.counter(actor), context.counter(actor)) + 1; // validates actor
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
        }
        long ts = timestamp;
        Sibling[] kept = new Sibling[siblings.length + 1];
        int k = 0;
        int at = -1;
        for (Sibling s : siblings) {
            if (s.timestamp() >= ts) {
                // Saturates: a stored Long.MAX_VALUE (from before peers' clocks were bounded) must not
                // overflow into a negative timestamp that makes the key unwritable.
                ts = s.timestamp() == Long.MAX_VALUE ? Long.MAX_VALUE : s.timestamp() + 1;
            }
            if (!context.covers(s.dot())) {
                if (at < 0 && s.dot().actor().compareTo(actor) > 0) {
                    at = k++;
                }
                kept[k++] = s;
            }
        }
        if (at < 0) {
            at = k++;
        }
        // The new dot is above every dot of this actor already here, so it goes after them.
        Dot dot = new Dot(actor, counter);
        kept[at] = new Sibling(dot, ts, tombstone, value);
        VersionVector newClock = clock.merge(context).with(dot);
        return new DvvSet(newClock, k == kept.length ? kept : Arrays.copyOf(kept, k));
    }

    /**
     * Merges another replica's state: commutative, associative, idempotent.
     *
     * <p>A sibling both sides hold stays. A sibling only one side holds stays if the other side
     * has not seen its dot; if the other side has seen it, it was superseded there, so it goes.
     * The clocks merge pointwise. (The join of causal dot stores, Almeida et al.)
     */
    public DvvSet sync(DvvSet other) {
        Objects.requireNonNull(other, "other");
        if (other == this || other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Sibling[] a = siblings;
        Sibling[] b = other.siblings;
        Sibling[] out = new Sibling[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            int cmp = i == a.length ? 1 : j == b.length ? -1 : Dot.compare(a[i].dot(), b[j].dot());
            if (cmp == 0) {
                out[k++] = Sibling.pickSameDot(a[i++], b[j++]);
            } else if (cmp < 0) {
                Sibling s = a[i++];
                if (!other.clock.covers(s.dot())) {
                    out[k++] = s;
                }
            } else {
                Sibling s = b[j++];
                if (!clock.covers(s.dot())) {
                    out[k++] = s;
                }
            }
        }
        VersionVector merged = clock.merge(other.clock);
        if (merged == clock && k == a.length && sameElements(out, a, k)) {
            return this;
        }
        return new DvvSet(merged, k == out.length ? out : Arrays.copyOf(out, k));
    }

    private static boolean sameElements(Sibling[] x, Sibling[] y, int n) {
        for (int i = 0; i < n; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps only the sibling with the greatest (timestamp, dot); the others stay covered by the
     * clock so they never come back. Deterministic, so replicas converge.
     *
     * <p>Applied after every put and sync, it commutes with sync ({@code lww(sync(a, b)) ==
     * lww(sync(lww(a), lww(b)))}) as long as timestamps respect causality: a write's timestamp
     * exceeds those of the writes its context covers. {@link #put} ensures that for what this
     * replica holds; for a context read elsewhere, the coordinator's {@link HybridLogicalClock}
     * must have observed the timestamps that read returned. A write that supersedes a newer
     * timestamp could otherwise let a concurrent, older sibling win on one replica and lose on
     * another.
     */
    public DvvSet lastWriteWins() {
        if (siblings.length <= 1) {
            return this;
        }
        Sibling newest = siblings[0];
        for (int i = 1; i < siblings.length; i++) {
            if (Sibling.lwwCompare(siblings[i], newest) > 0) {
                newest = siblings[i];
            }
        }
        return new DvvSet(clock, new Sibling[] {newest});
    }

    /** The context a read returns: covers every sibling. */
    public VersionVector context() {
        return clock;
    }

    /** All siblings, tombstones included, in dot order. */
    public List<Sibling> siblings() {
        return Collections.unmodifiableList(Arrays.asList(siblings));
    }

    /** How many siblings (tombstones included) are kept: what a sibling cap (DESIGN §3) checks. */
    public int siblingCount() {
        return siblings.length;
    }

    /** The siblings that are values, not tombstones. */
    public List<Sibling> values() {
        List<Sibling> values = new ArrayList<>(siblings.length);
        for (Sibling s : siblings) {
            if (!s.tombstone()) {
                values.add(s);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** True when nothing was ever written (no clock, no siblings). */
    public boolean isEmpty() {
        return clock.isEmpty();
    }

    /**
     * The stored form: a format version byte; the clock as an actor table (varint count, then per
     * actor a varint-length UTF-8 name and a varint counter), so each actor string appears once;
     * a varint sibling count; per sibling, the varint index of its actor in the table, its varint
     * counter, its timestamp as 8 bytes big-endian, a flags byte (1 = tombstone) and, unless a
     * tombstone, a varint-length value.
     */
    public byte[] encode() {
        int[] utf8 = new int[clock.size()];
        int size = 1 + clock.bodySize(utf8) + Encoder.varintSize(siblings.length);
        int[] actorIndex = new int[siblings.length];
        for (int i = 0; i < siblings.length; i++) {
            Sibling s = siblings[i];
            actorIndex[i] = clock.indexOf(s.dot().actor());
            size += Encoder.varintSize(actorIndex[i]) + Encoder.varintSize(s.dot().counter()) + Long.BYTES + 1;
            if (!s.tombstone()) {
                int len = s.valueBytes().length;
                size += Encoder.varintSize(len) + len;
            }
        }
        Encoder out = new Encoder(size);
        out.writeByte(FORMAT_VERSION);
        clock.writeBody(out, utf8);
        out.writeVarint(siblings.length);
        for (int i = 0; i < siblings.length; i++) {
            Sibling s = siblings[i];
            out.writeVarint(actorIndex[i]);
            out.writeVarint(s.dot().counter());
            out.writeLong(s.timestamp());
            out.writeByte(s.tombstone() ? 1 : 0);
            if (!s.tombstone()) {
                byte[] v = s.valueBytes();
                out.writeVarint(v.length);
                out.writeRaw(v);
            }
        }
        return out.toArray();
    }

    /** @throws IllegalArgumentException on malformed bytes */
    /**
     * Whether an encoded state holds at least one value, not only tombstones, read straight off the
     * bytes without decoding them: a hot path of anti-entropy's bookkeeping on every write.
     *
     * @throws IllegalArgumentException on malformed bytes (as far as they are read)
     */
    public static boolean holdsValue(byte[] bytes) {
        Decoder in = new Decoder(bytes);
        VersionVector.checkFormat(in);
        int actors = in.readCount(3);
        for (int i = 0; i < actors; i++) {
            in.skipBytes();
            in.readVarint();
        }
        int n = in.readCount(2 + Long.BYTES + 1);
        for (int i = 0; i < n; i++) {
            in.readVarint();
            in.readVarint();
            in.readLong();
            if (in.readByte() == 0) {
                return true;
            }
        }
        return false;
    }

    public static DvvSet decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Decoder in = new Decoder(bytes);
        VersionVector.checkFormat(in);
        VersionVector clock = VersionVector.readBody(in);
        // Per sibling at least: actor index, counter, 8-byte timestamp, flags.
        int n = in.readCount(2 + Long.BYTES + 1);
        Sibling[] siblings = n == 0 ? NO_SIBLINGS : new Sibling[n];
        int prevActor = -1;
        long prevCounter = 0;
        for (int i = 0; i < n; i++) {
            long actorIndex = in.readVarint();
            if (actorIndex >= clock.size()) {
                throw Decoder.malformed("sibling actor index " + actorIndex + " outside the table of " + clock.size());
            }
            int actor = (int) actorIndex;
            long counter = in.readVarint();
            if (counter < 1 || counter > clock.counterAt(actor)) {
                throw Decoder.malformed("sibling counter " + counter + " not covered by the clock");
            }
            if (actor < prevActor || (actor == prevActor && counter <= prevCounter)) {
                throw Decoder.malformed("siblings not in strictly increasing dot order");
            }
            prevActor = actor;
            prevCounter = counter;
            long timestamp = in.readLong();
            if (timestamp < 0) {
                throw Decoder.malformed("negative timestamp");
            }
            int flags = in.readByte();
            if (flags > 1) {
                throw Decoder.malformed("unknown sibling flags " + flags);
            }
            Dot dot = new Dot(clock.actorAt(actor), counter);
            siblings[i] = flags == 1
                    ? Sibling.tombstone(dot, timestamp)
                    : Sibling.of(dot, timestamp, in.readBytes());
        }
        in.expectEnd();
        return clock.isEmpty() ? EMPTY : new DvvSet(clock, siblings);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DvvSet other && clock.equals(other.clock) && Arrays.equals(siblings, other.siblings);
    }

    @Override
    public int hashCode() {
        return 31 * clock.hashCode() + Arrays.hashCode(siblings);
    }

    @Override
    public String toString() {
        return "DvvSet{clock=" + clock + ", siblings=" + Arrays.toString(siblings) + "}";
    }
}
