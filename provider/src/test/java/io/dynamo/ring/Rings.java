package io.dynamo.ring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Members, rings and arbitraries shared by the ring tests. */
final class Rings {
    private Rings() {}

    static Member member(String id) {
        return member(id, "");
    }

    static Member member(String id, String zone) {
        // Ports from the id's hash keep addresses distinct without a counter; collisions retried below.
        return new Member(new NodeId(id), "10.0.0.1", 1024 + Math.floorMod(id.hashCode(), 60000), zone);
    }

    /** S members n00, n01, ...; with zones > 0, member i is in zone "z" + (i % zones). */
    static List<Member> members(int count, int zones) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String zone = zones == 0 ? "" : "z" + (i % zones);
            members.add(new Member(new NodeId(String.format("n%03d", i)), "10.0." + (i / 250) + "." + (i % 250 + 1),
                    7000, zone));
        }
        return members;
    }

    static Member newcomer(int i, int zones) {
        String zone = zones == 0 ? "" : "z" + (i % zones);
        return new Member(new NodeId("j" + i), "10.1." + (i / 250) + "." + (i % 250 + 1), 7000, zone);
    }

    /** Q = 2^e for e in 0..maxExponent. */
    static Arbitrary<Integer> partitionCounts(int maxExponent) {
        return Arbitraries.integers().between(0, maxExponent).map(e -> 1 << e);
    }

    /** A ring described by its history: created with S members, then a seeded mix of joins and leaves. */
    record Scenario(int partitions, int size, int zones, int changes, long seed) {
        Ring build() {
            Ring ring = Ring.create(partitions, members(size, zones));
            Random random = new Random(seed);
            int joined = 0;
            for (int i = 0; i < changes; i++) {
                int s = ring.members().size();
                boolean join = s < partitions && (s == 1 || random.nextBoolean());
                if (join) {
                    ring = ring.join(newcomer(joined++, zones));
                } else if (s > 1) {
                    ring = ring.leave(ring.members().get(random.nextInt(s)).id());
                }
            }
            return ring;
        }

        @Override
        public String toString() {
            return "Q=" + partitions + " S=" + size + " zones=" + zones + " changes=" + changes + " seed=" + seed;
        }
    }

    static Arbitrary<Scenario> scenarios(int maxExponent, int maxSize, int maxChanges) {
        return partitionCounts(maxExponent).flatMap(q -> Combinators.combine(
                        Arbitraries.integers().between(1, Math.min(q, maxSize)),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, maxChanges),
                        Arbitraries.longs())
                .as((s, z, c, seed) -> new Scenario(q, s, z, c, seed)));
    }

    static Map<NodeId, Integer> counts(Ring ring) {
        Map<NodeId, Integer> counts = new HashMap<>();
        ring.members().forEach(m -> counts.put(m.id(), 0));
        for (int p = 0; p < ring.partitionCount(); p++) {
            counts.merge(ring.owner(p), 1, Integer::sum);
        }
        return counts;
    }

    /** The distinct owners met walking clockwise from p: the oracle for preference-list order. */
    static List<NodeId> walk(Ring ring, int p) {
        List<NodeId> order = new ArrayList<>();
        int q = ring.partitionCount();
        for (int i = 0; i < q; i++) {
            NodeId o = ring.owner((p + i) % q);
            if (!order.contains(o)) {
                order.add(o);
            }
        }
        return order;
    }
}
