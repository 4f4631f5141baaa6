package io.dynamo.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dynamo.admin.MemberView;
import io.dynamo.admin.NodeStatus;
import io.dynamo.membership.MemberState;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code admin status}: every member gossip knows of, its state, what it owns and holds. */
record StatusReport(long epoch, int partitions, int inRing, List<Row> members) implements OutputOptions.Report {
    /** One member; {@code keys} and {@code uptimeSeconds} are -1 and {@code error} says why when it did not answer. */
    record Row(String node, String address, String state, int partitions, long keys, long uptimeSeconds, String error) {
        boolean down() {
            return state.equals("down");
        }
    }

    static StatusReport of(Ring ring, List<MemberView> members, List<NodeStatus> statuses) {
        Map<String, NodeStatus> byId = new HashMap<>();
        statuses.forEach(s -> byId.put(s.member().id().value(), s));
        List<Row> rows = new ArrayList<>();
        for (MemberView m : members) {
            NodeStatus s = byId.get(m.member().id().value());
            boolean isDown = m.state() == MemberState.DOWN || s == null || !s.up();
            // a node that left the ring and was stopped is no failure
            boolean left = isDown && ring.member(m.member().id()).isEmpty() && m.state() != MemberState.JOINING;
            String state = left ? "left" : isDown ? "down" : m.state().label();
            rows.add(isDown
                    ? new Row(m.member().id().value(), m.member().hostPort(), state, m.partitions(), -1, -1,
                            s == null ? "" : s.error().orElse("seen down by gossip"))
                    : new Row(m.member().id().value(), m.member().hostPort(), state, m.partitions(), s.keys(), s.uptimeMillis() / 1000, ""));
        }
        return new StatusReport(ring.epoch(), ring.partitionCount(), ring.members().size(), rows);
    }

    /** Members down (not those that left): exit code 3 when any. */
    @JsonIgnore
    int down() {
        return (int) members.stream().filter(Row::down).count();
    }

    @Override
    public String human() {
        StringBuilder b = new StringBuilder(String.format("ring epoch %d, %d partitions, %d members (%d in the ring)%n", epoch, partitions,
                members.size(), inRing));
        b.append(String.format("%-12s %-22s %-8s %10s %12s %10s", "NODE", "ADDRESS", "STATE", "PARTITIONS", "KEYS", "UPTIME"));
        for (Row r : members) {
            if (r.keys() >= 0) {
                b.append(String.format("%n%-12s %-22s %-8s %10d %12d %9ds", r.node(), r.address(), r.state(), r.partitions(), r.keys(),
                        r.uptimeSeconds()));
            } else {
                b.append(String.format("%n%-12s %-22s %-8s %10d %12s %10s  (%s)", r.node(), r.address(), r.state(), r.partitions(), "-", "-",
                        r.error()));
            }
        }
        return b.toString();
    }
}
