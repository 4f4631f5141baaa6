package io.dynamo.config;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a node finds its cluster (paper §4.8.2). {@code members} is the whole cluster, this node
 * included: a static bootstrap, the first ring. {@code seeds} are nodes of a running cluster: alone,
 * the node joins its gossip and owns nothing until an {@code admin join}; beside members they are
 * extra contacts. {@code zk} instead takes both, and the cluster settings, from ZooKeeper (see
 * {@code io.dynamo.zookeeper.ZooKeeperBootstrap}), which resolves to members or seeds before the
 * node starts.
 */
public record Discovery(List<Member> members, List<InetSocketAddress> seeds, Optional<ZkAddress> zk) implements NodeConfig.Part {
    public Discovery {
        members = List.copyOf(Check.given("members", members));
        seeds = List.copyOf(Check.given("seeds", seeds));
        Check.given("zk", zk);
        Set<NodeId> ids = new HashSet<>();
        for (Member m : members) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("node id " + m.id() + " appears twice in the member list");
            }
        }
        if (zk.isPresent() && !(members.isEmpty() && seeds.isEmpty())) {
            throw new IllegalArgumentException("zk replaces members and seeds: give one or the other");
        }
        if (zk.isEmpty() && members.isEmpty() && seeds.isEmpty()) {
            throw new IllegalArgumentException("give members (a new cluster), seeds (join an existing one) or zk");
        }
    }

    /** A static bootstrap: the whole cluster, which doubles as the seeds. */
    public static Discovery members(List<Member> members) {
        return new Discovery(members, List.of(), Optional.empty());
    }

    /** Joins a running cluster through these nodes. */
    public static Discovery seeds(List<InetSocketAddress> seeds) {
        return new Discovery(List.of(), seeds, Optional.empty());
    }

    public static Discovery zooKeeper(ZkAddress zk) {
        return new Discovery(List.of(), List.of(), Optional.of(zk));
    }

    /** The entry of {@code id} in {@link #members}, if it is one. */
    public Optional<Member> member(NodeId id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
