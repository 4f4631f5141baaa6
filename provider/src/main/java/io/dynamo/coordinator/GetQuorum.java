package io.dynamo.coordinator;

import io.dynamo.version.DvvSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arithmetic of a read quorum (paper §4.5): R replies out of the replicas asked, and the
 * reconciliation of what they returned, apart from any I/O. Not thread-safe.
 */
public final class GetQuorum {
    private final int required;
    private final int asked;
    private final Map<String, Optional<DvvSet>> replies = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private DvvSet merged = DvvSet.empty();

    public GetQuorum(int required, int asked) {
        if (required < 1 || required > asked) {
            throw new IllegalArgumentException("R=" + required + " cannot be met by " + asked + " replicas");
        }
        this.required = required;
        this.asked = asked;
    }

    /** A replica's state of the key, empty when it holds none. */
    public QuorumOutcome reply(String node, Optional<DvvSet> state) {
        replies.put(node, state);
        state.ifPresent(s -> merged = merged.sync(s));
        return outcome();
    }

    public QuorumOutcome fail(String node, String reason) {
        failed.put(node, reason);
        return outcome();
    }

    public QuorumOutcome outcome() {
        if (replies.size() >= required) {
            return QuorumOutcome.REACHED;
        }
        return replies.size() + pending() < required ? QuorumOutcome.FAILED : QuorumOutcome.WAITING;
    }

    public int pending() {
        return asked - replies.size() - failed.size();
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
        return Quorums.describe("read", required, asked, List.copyOf(replies.keySet()), failed, pending());
    }
}
