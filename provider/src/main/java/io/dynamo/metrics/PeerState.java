package io.dynamo.metrics;

/**
 * One member as this node sees it: its gossiped state, or {@code down} when this node's failure
 * detector holds it down (paper §4.8.3), its phi, and the partitions the ring gives it.
 *
 * @param state {@code joining}, {@code up}, {@code leaving} or {@code down}
 * @param phi   the accrual detector's suspicion of it (0 for this node itself)
 */
public record PeerState(String id, String address, String state, double phi, int partitions) {}
