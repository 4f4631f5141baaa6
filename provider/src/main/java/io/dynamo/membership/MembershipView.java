package io.dynamo.membership;

import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one node believes of the cluster (paper §4.8.1): the ring (the partition assignment, with
 * its epoch) and every member it has heard of. Immutable. Two views {@link #merge} into one that
 * does not depend on the order of merges (commutative, associative, idempotent), so gossip
 * converges every node on the same view.
 */
public record MembershipView(Ring ring, Map<NodeId, MemberEntry> members) {
    private static final int FORMAT = 1;

    public MembershipView {
        Objects.requireNonNull(ring, "ring");
        members = Collections.unmodifiableMap(new TreeMap<>(members));
    }

    /** A view of a ring whose members are all up, at generation 0 heartbeat 0 (any real entry beats them). */
    public static MembershipView of(Ring ring) {
        Map<NodeId, MemberEntry> entries = new TreeMap<>();
        for (Member m : ring.members()) {
            entries.put(m.id(), new MemberEntry(m, MemberState.UP, 0, 0));
        }
        return new MembershipView(ring, entries);
    }

    public Optional<MemberEntry> entry(NodeId id) {
        return Optional.ofNullable(members.get(id));
    }

    /** Where {@code id} listens: from its gossiped entry, else from the ring. */
    public Optional<Member> member(NodeId id) {
        MemberEntry e = members.get(id);
        return e != null ? Optional.of(e.member()) : ring.member(id);
    }

    /** This view with {@code entry} in place of the one it had for that node. */
    public MembershipView with(MemberEntry entry) {
        Map<NodeId, MemberEntry> next = new TreeMap<>(members);
        next.put(entry.member().id(), entry);
        return new MembershipView(ring, next);
    }

    public MembershipView withRing(Ring next) {
        return new MembershipView(next, members);
    }

    /**
     * The join of two views: the ring of higher epoch (on a tie of different rings, the one whose
     * encoding is larger, an arbitrary but deterministic choice: a plan is made at one node, so
     * two rings of one epoch only meet after a split brain of admins), and per member the newer
     * entry.
     */
    public MembershipView merge(MembershipView other) {
        Ring r = pickRing(ring, other.ring);
        Map<NodeId, MemberEntry> next = new TreeMap<>(members);
        for (MemberEntry e : other.members.values()) {
            next.merge(e.member().id(), e, (mine, theirs) -> theirs.newerThan(mine) ? theirs : mine);
        }
        if (r == ring && next.equals(members)) {
            return this;
        }
        return new MembershipView(r, next);
    }

    private static Ring pickRing(Ring a, Ring b) {
        if (a.epoch() != b.epoch()) {
            return a.epoch() > b.epoch() ? a : b;
        }
        if (a.equals(b)) {
            return a;
        }
        return Arrays.compareUnsigned(a.encode(), b.encode()) >= 0 ? a : b;
    }

    public byte[] encode() {
        WireWriter out = new WireWriter(256 + members.size() * 48);
        out.byte_(FORMAT).bytes(ring.encode()).varint(members.size());
        for (MemberEntry e : members.values()) {
            out.string(e.member().spec()).byte_(e.state().ordinal()).varint(e.generation()).varint(e.heartbeat());
        }
        return out.toByteArray();
    }

    /** @throws MalformedMessageException when the bytes are not a view */
    public static MembershipView decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        try {
            int format = in.byte_();
            if (format != FORMAT) {
                throw new MalformedMessageException("unknown membership view format " + format);
            }
            Ring ring = Ring.decode(in.bytes());
            int count = in.count(4); // spec, state, generation, heartbeat
            Map<NodeId, MemberEntry> members = new TreeMap<>();
            MemberState[] states = MemberState.values();
            for (int i = 0; i < count; i++) {
                Member m = Member.parse(in.string());
                int state = in.byte_();
                if (state >= states.length) {
                    throw new MalformedMessageException("unknown member state " + state);
                }
                members.put(m.id(), new MemberEntry(m, states[state], in.varint(), in.varint()));
            }
            in.end();
            return new MembershipView(ring, members);
        } catch (IllegalArgumentException e) { // RingException and MalformedMessageException among them
            throw new MalformedMessageException("bad membership view: " + e.getMessage());
        }
    }
}
