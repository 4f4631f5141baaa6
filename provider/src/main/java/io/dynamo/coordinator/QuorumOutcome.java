package io.dynamo.coordinator;

/** Where a quorum stands after a reply: keep waiting, reached, or out of reach. */
public enum QuorumOutcome {
    WAITING,
    REACHED,
    FAILED
}
