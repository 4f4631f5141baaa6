package io.dynamo.ring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Plans the partition to node assignment of paper §4.2 with strategy 3 of §6.2: a balanced first assignment,
 * and the smallest balanced change on a join or a leave. Pure and deterministic (ties are broken
 * by node id, never by chance), so every node computing a plan gets the same ring.
 *
 * <p>Besides balance, it keeps consecutive partitions on different nodes (and zones) where it
 * can: the preference list walks clockwise, so an interleaved ring gives short, spread walks.
 */
final class AssignmentPlanner {
    /** How badly giving partition p to a node clashes with its clockwise neighbours. */
    private static final int CLASH_NONE = 0;
    private static final int CLASH_ZONE = 1;
    private static final int CLASH_NODE = 2;

    private AssignmentPlanner() {}

    /** Partition i goes to the i-th member (mod S) of a zone-interleaved order: balanced within 1. */
    static NodeId[] initial(int partitions, Collection<Member> members) {
        List<Member> order = interleaveZones(members);
        NodeId[] owners = new NodeId[partitions];
        for (int p = 0; p < partitions; p++) {
            owners[p] = order.get(p % order.size()).id();
        }
        return owners;
    }

    /** Members round-robin over zones (zones and members within a zone in name order). */
    static List<Member> interleaveZones(Collection<Member> members) {
        Map<String, List<Member>> byZone = new TreeMap<>();
        for (Member m : members) {
            byZone.computeIfAbsent(m.zone(), z -> new ArrayList<>()).add(m);
        }
        byZone.values().forEach(l -> l.sort(Comparator.comparing(Member::id)));
        List<Member> order = new ArrayList<>(members.size());
        for (int round = 0; order.size() < members.size(); round++) {
            for (List<Member> zone : byZone.values()) {
                if (round < zone.size()) {
                    order.add(zone.get(round));
                }
            }
        }
        return order;
    }

    /**
     * The newcomer takes floor(Q/(S+1)) partitions, one at a time from the currently most loaded
     * node. Taking from the maximum keeps the old nodes within one of each other, and their mean
     * stays between floor and ceil of Q/(S+1), so the result is balanced with the fewest moves.
     */
    static NodeId[] join(NodeId[] current, Map<NodeId, Member> members, Member newcomer) {
        int q = current.length;
        NodeId[] owners = current.clone();
        int take = q / (members.size() + 1);

        // How many each node gives: repeatedly the most loaded (ties: smallest id).
        Map<NodeId, Integer> load = loads(owners, members.keySet());
        PriorityQueue<NodeId> mostLoaded = new PriorityQueue<>(
                Comparator.comparing((NodeId id) -> -load.get(id)).thenComparing(id -> id));
        mostLoaded.addAll(load.keySet());
        Map<NodeId, Integer> gives = new TreeMap<>();
        for (int i = 0; i < take; i++) {
            NodeId donor = mostLoaded.poll();
            load.merge(donor, -1, Integer::sum);
            gives.merge(donor, 1, Integer::sum);
            mostLoaded.add(donor);
        }

        Map<NodeId, Member> all = new HashMap<>(members);
        all.put(newcomer.id(), newcomer);
        // Aim for `take` evenly spaced positions, so the newcomer's partitions (and the replica
        // load they bring its ring neighbours, §4.2) spread around the whole ring.
        for (int k = 0; k < take; k++) {
            int ideal = (int) (((2L * k + 1) * q) / (2L * take));
            int p = nearestGivable(owners, all, gives, ideal, q / take, newcomer);
            gives.merge(owners[p], -1, Integer::sum);
            owners[p] = newcomer.id();
        }
        return owners;
    }

    /**
     * The partition nearest {@code ideal} whose owner still has to give one, clashing least with
     * its neighbours. The search widens until a clash-free one is found, or one of any kind once
     * past {@code spacing}, which keeps a plan linear in Q.
     */
    private static int nearestGivable(NodeId[] owners, Map<NodeId, Member> members, Map<NodeId, Integer> gives,
            int ideal, int spacing, Member newcomer) {
        int q = owners.length;
        int best = -1;
        int bestClash = Integer.MAX_VALUE;
        for (int distance = 0; distance <= q / 2; distance++) {
            if (best >= 0 && distance > spacing) {
                break;
            }
            for (int p : new int[] {Math.floorMod(ideal + distance, q), Math.floorMod(ideal - distance, q)}) {
                Integer quota = gives.get(owners[p]);
                if (quota == null || quota == 0) {
                    continue;
                }
                int clash = clash(owners, members, p, newcomer);
                if (clash < bestClash) {
                    best = p;
                    bestClash = clash;
                    if (clash == CLASH_NONE) {
                        return p;
                    }
                }
            }
        }
        return best;
    }

    /**
     * The leaver's partitions go, one at a time, to a least loaded remaining node: adding to the
     * minimum keeps everyone within one. Among equally loaded nodes, the one whose neighbours
     * clash least, then the smallest id.
     */
    static NodeId[] leave(NodeId[] current, Map<NodeId, Member> members, NodeId leaver) {
        NodeId[] owners = current.clone();
        Map<NodeId, Member> remaining = new TreeMap<>(members);
        remaining.remove(leaver);
        Map<NodeId, Integer> load = loads(owners, remaining.keySet());
        for (int p = 0; p < owners.length; p++) {
            if (!owners[p].equals(leaver)) {
                continue;
            }
            int min = load.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
            Member best = null;
            int bestClash = Integer.MAX_VALUE;
            for (Member candidate : remaining.values()) {
                if (load.get(candidate.id()) != min) {
                    continue;
                }
                int clash = clash(owners, members, p, candidate);
                if (clash < bestClash) {
                    best = candidate;
                    bestClash = clash;
                }
            }
            owners[p] = best.id();
            load.merge(best.id(), 1, Integer::sum);
        }
        return owners;
    }

    /** Whether a neighbour of p (p-1 or p+1, wrapping) is the node itself, or in its zone. */
    private static int clash(NodeId[] owners, Map<NodeId, Member> members, int p, Member node) {
        int q = owners.length;
        int worst = CLASH_NONE;
        for (int neighbour : new int[] {(p + q - 1) % q, (p + 1) % q}) {
            if (neighbour == p) {
                continue;
            }
            NodeId o = owners[neighbour];
            if (o.equals(node.id())) {
                return CLASH_NODE;
            }
            Member m = members.get(o);
            if (node.hasZone() && m != null && node.zone().equals(m.zone())) {
                worst = CLASH_ZONE;
            }
        }
        return worst;
    }

    /** Partitions owned by each of {@code ids}. */
    private static Map<NodeId, Integer> loads(NodeId[] owners, Collection<NodeId> ids) {
        Map<NodeId, Integer> load = new HashMap<>();
        ids.forEach(id -> load.put(id, 0));
        for (NodeId o : owners) {
            load.computeIfPresent(o, (id, n) -> n + 1);
        }
        return load;
    }
}
