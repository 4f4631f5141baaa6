package io.dynamo.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a write quorum (paper §4.5), apart from any I/O: W acknowledgements out of
 * the targets asked. Not thread-safe: the coordinator calls it under its own lock.
 */
public final class PutQuorum {
    private final int required;
    private final int asked;
    private final List<String> acked = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();

    public PutQuorum(int required, int asked) {
        if (required < 1 || required > asked) {
            throw new IllegalArgumentException("W=" + required + " cannot be met by " + asked + " replicas");
        }
        this.required = required;
        this.asked = asked;
    }

    public QuorumOutcome ack(String node) {
        acked.add(node);
        return outcome();
    }

    public QuorumOutcome fail(String node, String reason) {
        failed.put(node, reason);
        return outcome();
    }

    public QuorumOutcome outcome() {
        if (acked.size() >= required) {
            return QuorumOutcome.REACHED;
        }
        return acked.size() + pending() < required ? QuorumOutcome.FAILED : QuorumOutcome.WAITING;
    }

    /** Replicas that have not answered yet. */
    public int pending() {
        return asked - acked.size() - failed.size();
    }

    /** For the error a client sees: who acknowledged, who failed and why. */
    public String describe() {
        return Quorums.describe("write", required, asked, acked, failed, pending());
    }
}
