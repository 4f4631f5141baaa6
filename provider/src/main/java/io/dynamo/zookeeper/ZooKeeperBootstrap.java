package io.dynamo.zookeeper;

import io.dynamo.config.ClusterSettings;
import io.dynamo.config.Discovery;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.ZkAddress;
import io.dynamo.ring.Member;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node started with {@code zk} discovery finds its cluster: the seeds znode (or the copy
 * saved in the data directory while ZooKeeper is down) stands in for {@code members} when it lists
 * this node, for {@code seeds} otherwise, and the config's {@code Q} for the partition count. The
 * directory stays open for the node's life, so later changes of the config reach it.
 */
public final class ZooKeeperBootstrap {
    private ZooKeeperBootstrap() {}

    /** Connects to the ZooKeeper of {@code config} (waiting at most its zookeeper-timeout) and starts watching. */
    public static ZooKeeperDirectory open(NodeConfig config) {
        ZkAddress zk = config.discovery().zk()
                .orElseThrow(() -> new IllegalArgumentException("node " + config.self() + " has no zk discovery"));
        return ZooKeeperDirectory.open(zk, config.cluster(), config.storage().dataDir(), config.membership().zooKeeperTimeout());
    }

    /**
     * {@code config} with its discovery and partition count taken from what {@code directory} holds.
     *
     * @throws IllegalArgumentException when ZooKeeper holds no seeds and none were saved
     */
    public static NodeConfig resolve(NodeConfig config, ZooKeeperDirectory directory) {
        return resolve(config, directory.seeds(), directory.settings());
    }

    /** {@code config} with its discovery from these seed specs ({@code ID@HOST:PORT}) and Q from {@code settings}. */
    static NodeConfig resolve(NodeConfig config, List<String> seedSpecs, ClusterSettings settings) {
        List<Member> seeds = new ArrayList<>();
        for (String spec : seedSpecs) {
            seeds.add(Member.parse(spec));
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds for cluster '" + config.cluster() + "' in ZooKeeper "
                    + config.discovery().zk().map(ZkAddress::spec).orElse("") + " (znode /CLUSTER/seeds, ID@HOST:PORT,...)"
                    + " and none saved in " + config.storage().dataDir());
        }
        Discovery discovery;
        if (seeds.stream().anyMatch(m -> m.id().equals(config.self()))) {
            discovery = Discovery.members(seeds); // the seeds are the cluster's first ring
        } else {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (Member m : seeds) {
                addresses.add(InetSocketAddress.createUnresolved(m.host(), m.port()));
            }
            discovery = Discovery.seeds(addresses);
        }
        int partitions = settings.q().orElse(config.replication().partitions());
        return config.with(discovery).with(config.replication().withPartitions(partitions));
    }
}
