package io.dynamo.ring;

/**
 * One partition changing hands between two epochs of the ring: what a join or leave has to
 * transfer (the "show the plan" step of a staged membership change).
 */
public record PartitionMove(int partition, NodeId from, NodeId to) {
    public PartitionMove {
        if (partition < 0 || from == null || to == null) {
            throw new RingException("bad partition move " + partition + ": " + from + " -> " + to);
        }
    }

    @Override
    public String toString() {
        return partition + ": " + from + " -> " + to;
    }
}
