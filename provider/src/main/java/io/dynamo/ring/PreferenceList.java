package io.dynamo.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The nodes responsible for a partition (paper §4.3): the first N distinct physical nodes met
 * walking clockwise from it (spread over zones when members carry zones), then every other node
 * in the order a sloppy quorum would fall back to them.
 */
public final class PreferenceList {
    private final int partition;
    private final Member[] primaries;
    private final Member[] fallbacks;
    private final List<Member> primaryList;
    private final List<Member> fallbackList;
    /** One Replica per primary, made once: the all-up case of targets() then allocates only its list. */
    private final Replica[] primaryReplicas;

    PreferenceList(int partition, Member[] primaries, Member[] fallbacks) {
        this.partition = partition;
        this.primaries = primaries;
        this.fallbacks = fallbacks;
        this.primaryList = List.of(primaries);
        this.fallbackList = List.of(fallbacks);
        this.primaryReplicas = new Replica[primaries.length];
        for (int i = 0; i < primaries.length; i++) {
            primaryReplicas[i] = new Replica(primaries[i], Optional.empty());
        }
    }

    /**
     * A preference list built by hand, for callers that need one without a ring (tests of the
     * coordinator, tools). Members must be distinct by id; at least one primary.
     */
    public static PreferenceList of(int partition, List<Member> primaries, List<Member> fallbacks) {
        if (partition < 0) {
            throw new RingException("partition " + partition + " is negative");
        }
        Objects.requireNonNull(primaries, "primaries");
        Objects.requireNonNull(fallbacks, "fallbacks");
        if (primaries.isEmpty()) {
            throw new RingException("a preference list needs at least one primary");
        }
        Set<NodeId> seen = new HashSet<>();
        List<Member> all = new ArrayList<>(primaries);
        all.addAll(fallbacks);
        for (Member m : all) {
            if (m == null) {
                throw new RingException("a preference list holds no null member");
            }
            if (!seen.add(m.id())) {
                throw new RingException("node " + m.id() + " appears twice in the preference list");
            }
        }
        return new PreferenceList(partition, primaries.toArray(new Member[0]), fallbacks.toArray(new Member[0]));
    }

    public int partition() {
        return partition;
    }

    /** The N primaries, in order: the first is the natural coordinator. */
    public List<Member> primaries() {
        return primaryList;
    }

    /** Every other member, in fallback order. */
    public List<Member> fallbacks() {
        return fallbackList;
    }

    public boolean isPrimary(NodeId id) {
        for (Member m : primaries) {
            if (m.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The N targets of a request given which nodes are up: each primary that is up, and for each
     * primary that is down the next up fallback not already chosen, hinted for that primary. Fewer
     * than N when not enough nodes are up.
     */
    public List<Replica> targets(Predicate<NodeId> isUp) {
        Objects.requireNonNull(isUp, "isUp");
        Replica[] out = new Replica[primaries.length];
        int size = 0;
        int nextFallback = 0; // fallbacks are disjoint from primaries, so a cursor avoids reuse
        for (int i = 0; i < primaries.length; i++) {
            Member primary = primaries[i];
            if (isUp.test(primary.id())) {
                out[size++] = primaryReplicas[i];
                continue;
            }
            // Sloppy quorum (§4.6): the first healthy node past the top N stands in, with a hint.
            while (nextFallback < fallbacks.length && !isUp.test(fallbacks[nextFallback].id())) {
                nextFallback++;
            }
            if (nextFallback < fallbacks.length) {
                out[size++] = new Replica(fallbacks[nextFallback++], Optional.of(primary));
            }
        }
        return List.of(size == out.length ? out : Arrays.copyOf(out, size));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreferenceList other
                && partition == other.partition
                && Arrays.equals(primaries, other.primaries)
                && Arrays.equals(fallbacks, other.fallbacks);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * partition + Arrays.hashCode(primaries)) + Arrays.hashCode(fallbacks);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PreferenceList{partition=").append(partition).append(", primaries=[");
        appendIds(b, primaries);
        b.append("], fallbacks=[");
        appendIds(b, fallbacks);
        return b.append("]}").toString();
    }

    private static void appendIds(StringBuilder b, Member[] members) {
        for (int i = 0; i < members.length; i++) {
            b.append(i == 0 ? "" : ", ").append(members[i].id());
        }
    }
}
