package io.dynamo.cli;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code admin ring}: the ring's epoch and partitions, and each owner's share (§4.2, strategy 3 of §6.2). */
record RingReport(long epoch, int partitions, List<Owner> owners) implements OutputOptions.Report {
    /** A member of the ring and the partitions it owns (their first replica), in ring order. */
    record Owner(String node, String address, int partitions, double share, List<Integer> owned) {}

    static RingReport of(Ring ring) {
        Map<NodeId, Integer> counts = ring.partitionCounts();
        List<Owner> owners = new ArrayList<>();
        for (Member m : ring.members()) {
            int owned = counts.getOrDefault(m.id(), 0);
            owners.add(new Owner(m.id().value(), m.hostPort(), owned, Math.round(1000.0 * owned / ring.partitionCount()) / 10.0,
                    ring.partitionsOwnedBy(m.id())));
        }
        return new RingReport(ring.epoch(), ring.partitionCount(), owners);
    }

    @Override
    public String human() {
        StringBuilder b = new StringBuilder(String.format("ring epoch %d, %d partitions, %d owners%n", epoch, partitions, owners.size()));
        b.append(String.format("%-12s %-22s %10s %7s", "NODE", "ADDRESS", "PARTITIONS", "SHARE"));
        for (Owner o : owners) {
            b.append(String.format("%n%-12s %-22s %10d %6.1f%%", o.node(), o.address(), o.partitions(), o.share()));
        }
        return b.toString();
    }
}
