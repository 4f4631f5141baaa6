package io.dynamo.cart;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every dot a cart state has seen: a version vector (actor -> every counter up to n seen) plus
 * the few dots seen beyond it out of order (the "dot cloud" of delta-state CRDTs, Almeida et al.
 * 2018). The cloud is what lets a state record a dot without claiming the ones below it that it
 * has not seen: a writer whose read missed one of its own writes must not erase it. Cloud dots
 * fold into the vector as soon as the gap below them is seen, so in steady state the context is
 * one version vector. Immutable.
 */
final class CausalContext implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final CausalContext EMPTY = new CausalContext(new TreeMap<>(), new TreeSet<>());

    /** Never modified after construction. */
    private final TreeMap<String, Long> versions;
    private final TreeSet<Dot> cloud;

    private CausalContext(TreeMap<String, Long> versions, TreeSet<Dot> cloud) {
        this.versions = versions;
        this.cloud = cloud;
    }

    static CausalContext empty() {
        return EMPTY;
    }

    boolean contains(Dot dot) {
        return versions.getOrDefault(dot.actor(), 0L) >= dot.counter() || cloud.contains(dot);
    }

    /** The highest counter of {@code actor} seen, 0 when none. */
    long max(String actor) {
        long max = versions.getOrDefault(actor, 0L);
        for (Dot d : cloud.subSet(new Dot(actor, 1), true, new Dot(actor, Long.MAX_VALUE), true)) {
            max = Math.max(max, d.counter());
        }
        return max;
    }

    CausalContext with(Dot dot) {
        if (contains(dot)) {
            return this;
        }
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.add(dot);
        return compacted(new TreeMap<>(versions), dots);
    }

    /** The union of both: every dot either has seen. */
    CausalContext merge(CausalContext other) {
        TreeMap<String, Long> merged = new TreeMap<>(versions);
        other.versions.forEach((actor, n) -> merged.merge(actor, n, Math::max));
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.addAll(other.cloud);
        return compacted(merged, dots);
    }

    SortedMap<String, Long> versionVector() {
        return Collections.unmodifiableSortedMap(versions);
    }

    NavigableSet<Dot> cloud() {
        return Collections.unmodifiableNavigableSet(cloud);
    }

    /** Moves every cloud dot that extends its actor's vector entry (or lies below it) into the vector. */
    private static CausalContext compacted(TreeMap<String, Long> versions, TreeSet<Dot> dots) {
        TreeSet<Dot> rest = new TreeSet<>();
        for (Dot d : dots) { // ascending per actor, so a run of consecutive counters folds in one pass
            long seen = versions.getOrDefault(d.actor(), 0L);
            if (d.counter() == seen + 1) {
                versions.put(d.actor(), d.counter());
            } else if (d.counter() > seen) {
                rest.add(d);
            }
        }
        return new CausalContext(versions, rest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CausalContext other && versions.equals(other.versions) && cloud.equals(other.cloud);
    }

    @Override
    public int hashCode() {
        return versions.hashCode() * 31 + cloud.hashCode();
    }

    @Override
    public String toString() {
        return cloud.isEmpty() ? versions.toString() : versions + "+" + cloud;
    }
}
