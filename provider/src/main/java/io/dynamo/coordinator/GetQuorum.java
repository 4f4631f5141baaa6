package io.dynamo.coordinator;

import io.dynamo.version.DvvSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arithmetic of a read quorum (paper §4.5): R replies out of the key's N replicas, and the
 * reconciliation of what they returned, apart from any I/O. A coordinator asks only some of the
 * replicas at first ({@link #asked}), so a replica is either answered, failed, asked and awaited
 * ({@link #outstanding}), or not asked yet. Not thread-safe.
 */
public final class GetQuorum {
    private final int required;
    private final int replicas;
    private final Map<String, Optional<DvvSet>> replies = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Set<String> awaited = new HashSet<>();
    private DvvSet merged = DvvSet.empty();

    /** @param replicas the key's replicas that count (its N primaries), asked or not */
    public GetQuorum(int required, int replicas) {
        if (required < 1 || required > replicas) {
            throw new IllegalArgumentException("R=" + required + " cannot be met by " + replicas + " replicas");
        }
        this.required = required;
        this.replicas = replicas;
    }

    /** A request went to {@code node}: its reply (or failure) is awaited. */
    public void asked(String node) {
        if (!replies.containsKey(node) && !failed.containsKey(node)) {
            awaited.add(node);
        }
    }

    /** A replica's state of the key, empty when it holds none. */
    public QuorumOutcome reply(String node, Optional<DvvSet> state) {
        awaited.remove(node);
        replies.put(node, state);
        state.ifPresent(s -> merged = merged.sync(s));
        return outcome();
    }

    public QuorumOutcome fail(String node, String reason) {
        awaited.remove(node);
        failed.put(node, reason);
        return outcome();
    }

    public QuorumOutcome outcome() {
        if (replies.size() >= required) {
            return QuorumOutcome.REACHED;
        }
        return replies.size() + pending() < required ? QuorumOutcome.FAILED : QuorumOutcome.WAITING;
    }

    /** Replicas that have neither answered nor failed, whether asked yet or not. */
    public int pending() {
        return replicas - replies.size() - failed.size();
    }

    /** Replicas asked whose reply or failure has not come yet. */
    public int outstanding() {
        return awaited.size();
    }

    /** How many more replicas to ask now for R replies to be in reach without asking again: R less the replies and the awaited. */
    public int toAsk() {
        return Math.max(0, required - replies.size() - awaited.size());
    }

    /** Every version the replies hold, reconciled: siblings stay siblings. */
    public DvvSet merged() {
        return merged;
    }

    /** Replicas that answered with something older than (or different from) the reconciled state (read repair, paper §5). */
    public List<String> staleReplicas() {
        List<String> stale = new ArrayList<>();
        replies.forEach((node, state) -> {
            if (state.isEmpty() ? !merged.isEmpty() : !state.get().equals(merged)) {
                stale.add(node);
            }
        });
        return stale;
    }

    public String describe() {
        return Quorums.describe("read", required, replicas, List.copyOf(replies.keySet()), failed, pending());
    }
}
