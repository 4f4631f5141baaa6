package io.dynamo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code admin hints}: the hints waiting for hinted handoff (§4.6), per target node and per node holding them. */
record HintsReport(List<Target> targets, long total, List<String> notAnswering) implements OutputOptions.Report {
    /** The hints meant for {@code node}, held by each of {@code heldBy} (holder id to count). */
    record Target(String node, long hints, Map<String, Long> heldBy) {}

    /** From each answering holder's pending hints (holder id to target id to count); {@code asked} are every member's ids. */
    static HintsReport of(Map<String, Map<String, Long>> byHolder, List<String> asked) {
        Map<String, Map<String, Long>> byTarget = new TreeMap<>();
        byHolder.forEach((holder, pending) -> pending.forEach((owner, count) ->
                byTarget.computeIfAbsent(owner, o -> new TreeMap<>()).put(holder, count)));
        List<Target> targets = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Map<String, Long>> e : byTarget.entrySet()) {
            long sum = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            total += sum;
            targets.add(new Target(e.getKey(), sum, e.getValue()));
        }
        List<String> silent = new ArrayList<>();
        for (String id : asked) {
            if (!byHolder.containsKey(id)) {
                silent.add(id);
            }
        }
        return new HintsReport(targets, total, silent);
    }

    @Override
    public String human() {
        StringBuilder b = new StringBuilder(String.format("%-12s %10s  %s", "TARGET", "HINTS", "HELD BY"));
        for (Target t : targets) {
            StringBuilder held = new StringBuilder();
            t.heldBy().forEach((holder, count) -> held.append(held.length() == 0 ? "" : ", ").append(holder).append('=').append(count));
            b.append(String.format("%n%-12s %10d  %s", t.node(), t.hints(), held));
        }
        b.append(String.format("%ntotal %d pending hint(s)", total));
        b.append(notAnswering.isEmpty() ? "" : "; not answering (their hints unknown): " + notAnswering);
        return b.toString();
    }
}
