package io.dynamo.ring;

import java.util.List;

/**
 * Computes a preference list (paper §4.3) from an assignment: walk clockwise from the partition,
 * keep each physical node the first time its partition is met. That distinct order is the
 * fallback order; the N primaries are taken from it in rounds, one node per zone per round, so N
 * replicas span min(N, zones) zones. Without zones every node is in the one zone "" and the
 * primaries are simply the first N of the walk.
 */
final class PreferenceWalk {
    private final int[] owners;
    private final Member[] members;
    /** Zone number of each member, and how many distinct zones there are. */
    private final int[] zoneOf;
    private final int zones;

    PreferenceWalk(int[] owners, Member[] members, int[] zoneOf, int zones) {
        this.owners = owners;
        this.members = members;
        this.zoneOf = zoneOf;
        this.zones = zones;
    }

    PreferenceList compute(int partition, int n) {
        int s = members.length;
        int[] order = order(partition);
        boolean[] chosen = new boolean[s];
        int[] primaryIndices = new int[n];
        Member[] primaries = new Member[n];
        int picked = 0;
        int[] usedInZone = new int[zones];
        for (int round = 0; picked < n; round++) {
            for (int j = 0; j < s && picked < n; j++) {
                int m = order[j];
                if (!chosen[m] && usedInZone[zoneOf[m]] == round) {
                    chosen[m] = true;
                    usedInZone[zoneOf[m]]++;
                    primaryIndices[picked] = m;
                    primaries[picked++] = members[m];
                }
            }
        }
        return new PreferenceList(partition, primaries, () -> fallbacks(partition, primaryIndices));
    }

    /** Every member not chosen as a primary, in walk order. */
    private List<Member> fallbacks(int partition, int[] primaryIndices) {
        boolean[] chosen = new boolean[members.length];
        for (int m : primaryIndices) {
            chosen[m] = true;
        }
        int[] order = order(partition);
        Member[] fallbacks = new Member[members.length - primaryIndices.length];
        int f = 0;
        for (int m : order) {
            if (!chosen[m]) {
                fallbacks[f++] = members[m];
            }
        }
        return List.of(fallbacks);
    }

    /** The distinct owners (member indices) met walking clockwise from the partition. */
    private int[] order(int partition) {
        int s = members.length;
        int q = owners.length;
        int[] order = new int[s];
        boolean[] met = new boolean[s];
        int count = 0;
        for (int i = 0; i < q && count < s; i++) {
            int owner = owners[(partition + i) & (q - 1)];
            if (!met[owner]) {
                met[owner] = true;
                order[count++] = owner;
            }
        }
        // A balanced ring has S <= Q and every member owns a partition; be total anyway.
        for (int m = 0; m < s && count < s; m++) {
            if (!met[m]) {
                met[m] = true;
                order[count++] = m;
            }
        }
        return order;
    }
}
