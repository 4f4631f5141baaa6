package io.dynamo.config;

/**
 * How the key space is cut and how many versions a key may hold. {@code partitions} is Q of the
 * first ring (paper §4.2, strategy 3 of §6.2), a power of two and the same on every node. A key with
 * more than {@code warn-siblings} concurrent versions is logged; one with more than
 * {@code max-siblings} refuses writes that would add another (clients must reconcile, §4.4).
 */
public record ReplicationConfig(int partitions, int warnSiblings, int maxSiblings) implements NodeConfig.Part {
    public ReplicationConfig {
        if (partitions < 1 || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("partitions must be a power of two, got " + partitions);
        }
        Check.atLeast("warn-siblings", warnSiblings, 1);
        Check.atLeast("max-siblings", maxSiblings, warnSiblings);
    }

    public static ReplicationConfig defaults() {
        return new ReplicationConfig(NodeDefaults.PARTITIONS, NodeDefaults.WARN_SIBLINGS, NodeDefaults.MAX_SIBLINGS);
    }

    public ReplicationConfig withPartitions(int q) {
        return new ReplicationConfig(q, warnSiblings, maxSiblings);
    }
}
