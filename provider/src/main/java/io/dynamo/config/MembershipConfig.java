package io.dynamo.config;

import java.time.Duration;

/**
 * Gossip and bootstrap timing (paper §4.8). {@code gossip-interval} is one round, and also the
 * heartbeat the failure detector expects; {@code bootstrap-timeout} bounds how long a node that
 * joins through seeds waits for one of them to answer; {@code zookeeper-timeout} how long a node
 * started with {@code zk} waits for ZooKeeper before it starts from the seeds it saved last.
 */
public record MembershipConfig(Duration gossipInterval, Duration bootstrapTimeout, Duration zooKeeperTimeout) implements NodeConfig.Part {
    public MembershipConfig {
        Check.positive("gossip-interval", gossipInterval);
        Check.positive("bootstrap-timeout", bootstrapTimeout);
        Check.positive("zookeeper-timeout", zooKeeperTimeout);
    }

    public static MembershipConfig defaults() {
        return new MembershipConfig(NodeDefaults.GOSSIP_INTERVAL, NodeDefaults.BOOTSTRAP_TIMEOUT, NodeDefaults.ZOOKEEPER_TIMEOUT);
    }
}
