package io.dynamo.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The nodes responsible for a partition (paper §4.3): the first N distinct physical nodes met
 * walking clockwise from it (spread over zones when members carry zones), then every other node
 * in the order a sloppy quorum would fall back to them.
 */
public final class PreferenceList {
    private final int partition;
    private final Member[] primaries;
    private final List<Member> primaryList;
    /** The answer of targets() when every primary is up, made once: the common case allocates nothing. */
    private final List<Replica> allPrimaries;
    /**
     * Fallbacks hold every other member, so a ring caching one list per partition would hold
     * Q x S references; they are only needed when a primary is down, so they are computed on
     * first use (a racing second computation gives an equal list).
     */
    private final Supplier<List<Member>> fallbackSource;
    private volatile List<Member> fallbacks;

    PreferenceList(int partition, Member[] primaries, Supplier<List<Member>> fallbackSource) {
        this.partition = partition;
        this.primaries = primaries;
        this.primaryList = List.of(primaries);
        Replica[] replicas = new Replica[primaries.length];
        for (int i = 0; i < primaries.length; i++) {
            replicas[i] = new Replica(primaries[i], Optional.empty());
        }
        this.allPrimaries = List.of(replicas);
        this.fallbackSource = fallbackSource;
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
        List<Member> fixed = List.copyOf(fallbacks);
        return new PreferenceList(partition, primaries.toArray(new Member[0]), () -> fixed);
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
        List<Member> f = fallbacks;
        if (f == null) {
            f = fallbackSource.get();
            fallbacks = f;
        }
        return f;
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
    /** {@link #targets}, and the primaries left with no stand-in: their hints stay at the coordinator. */
    public WriteTargets writeTargets(Predicate<NodeId> isUp) {
        List<Replica> targets = targets(isUp);
        if (targets.size() == primaries.length) { // one target per primary it covers: all covered
            return new WriteTargets(targets, List.of());
        }
        java.util.Set<NodeId> covered = new java.util.HashSet<>();
        for (Replica r : targets) {
            covered.add(r.hintedFor().orElse(r.member()).id());
        }
        List<Member> uncovered = new java.util.ArrayList<>();
        for (Member p : primaries) {
            if (!covered.contains(p.id())) {
                uncovered.add(p);
            }
        }
        return new WriteTargets(targets, uncovered);
    }

    public List<Replica> targets(Predicate<NodeId> isUp) {
        Objects.requireNonNull(isUp, "isUp");
        int firstDown = 0;
        while (firstDown < primaries.length && isUp.test(primaries[firstDown].id())) {
            firstDown++;
        }
        if (firstDown == primaries.length) {
            return allPrimaries;
        }
        List<Member> spare = fallbacks();
        Replica[] out = new Replica[primaries.length];
        int size = 0;
        for (; size < firstDown; size++) {
            out[size] = allPrimaries.get(size);
        }
        int nextFallback = 0; // fallbacks are disjoint from primaries, so a cursor avoids reuse
        for (int i = firstDown; i < primaries.length; i++) {
            Member primary = primaries[i];
            if (i > firstDown && isUp.test(primary.id())) {
                out[size++] = allPrimaries.get(i);
                continue;
            }
            // Sloppy quorum (§4.6): the first healthy node past the top N stands in, with a hint.
            while (nextFallback < spare.size() && !isUp.test(spare.get(nextFallback).id())) {
                nextFallback++;
            }
            if (nextFallback < spare.size()) {
                out[size++] = new Replica(spare.get(nextFallback++), Optional.of(primary));
            }
        }
        return List.of(size == out.length ? out : Arrays.copyOf(out, size));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreferenceList other
                && partition == other.partition
                && Arrays.equals(primaries, other.primaries)
                && fallbacks().equals(other.fallbacks());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * partition + Arrays.hashCode(primaries)) + fallbacks().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PreferenceList{partition=").append(partition).append(", primaries=[");
        appendIds(b, primaryList);
        b.append("], fallbacks=[");
        appendIds(b, fallbacks());
        return b.append("]}").toString();
    }

    private static void appendIds(StringBuilder b, List<Member> members) {
        for (int i = 0; i < members.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(members.get(i).id());
        }
    }
}
