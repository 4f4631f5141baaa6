package io.dynamo.coordinator;

/**
 * Counts of a coordinator since its node started, for operators.
 *
 * @param sloppyWrites replica writes sent to a fallback with a hint because a primary was held down (paper §4.6)
 * @param hintsKept    states this node kept as hints itself: no fallback left, or a replica that failed to take the write
 * @param readRepairs  stale replicas sent the reconciled state after a read (paper §5)
 * @param hedgedReads  replica reads sent because those asked were slower than the hedge delay
 */
public record CoordinatorStats(long sloppyWrites, long hintsKept, long readRepairs, long hedgedReads) {}
