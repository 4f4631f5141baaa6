package io.dynamo.node;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.storage.SyncPolicy;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a node needs to start, in one typed place. {@code members} is the whole cluster,
 * this node included (a static bootstrap: the first ring); or empty, when the node joins an
 * existing cluster through {@code seeds} and listens at {@code listen}. Seeds (HOST:PORT) are
 * gossiped with every round either way (paper §4.8.2). {@code hintedHandoff} off gives strict
 * quorums over the primaries and keeps no hints (to test read repair or anti-entropy alone).
 */
public record NodeConfig(String cluster, NodeId self, List<Member> members, Path dataDir, EngineKind engine,
        int partitions, SyncPolicy sync, int warnSiblings, int maxSiblings, List<String> seeds, Optional<Member> listen,
        boolean hintedHandoff) {
    public static final int DEFAULT_WARN_SIBLINGS = 25;
    public static final int DEFAULT_MAX_SIBLINGS = 100;

    public NodeConfig {
        if (cluster == null || !cluster.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("cluster name must be 1-64 letters, digits, '.', '_' or '-', got '" + cluster + "'");
        }
        members = List.copyOf(members);
        seeds = List.copyOf(seeds);
        Set<NodeId> ids = new HashSet<>();
        for (Member m : members) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("node id " + m.id() + " appears twice in the member list");
            }
        }
        if (members.isEmpty() && (seeds.isEmpty() || listen.isEmpty())) {
            throw new IllegalArgumentException("a node needs --members, or --seeds and its --listen address, to find its cluster");
        }
        if (!members.isEmpty() && !ids.contains(self)) {
            throw new IllegalArgumentException("this node's id " + self + " is not in the member list " + ids);
        }
        if (listen.isPresent() && !listen.get().id().equals(self)) {
            throw new IllegalArgumentException("listen address is for " + listen.get().id() + ", not this node " + self);
        }
        if (partitions < 1 || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("partitions must be a power of two, got " + partitions);
        }
        if (warnSiblings < 1 || maxSiblings < warnSiblings) {
            throw new IllegalArgumentException("sibling limits must satisfy 1 <= warn <= max");
        }
    }

    /** A node of a static cluster: {@code members} is the whole cluster, no other seeds. */
    public NodeConfig(String cluster, NodeId self, List<Member> members, Path dataDir, EngineKind engine,
            int partitions, SyncPolicy sync, int warnSiblings, int maxSiblings) {
        this(cluster, self, members, dataDir, engine, partitions, sync, warnSiblings, maxSiblings, List.of(), Optional.empty(), true);
    }

    public static NodeConfig of(String cluster, NodeId self, List<Member> members, Path dataDir, EngineKind engine) {
        return new NodeConfig(cluster, self, members, dataDir, engine, Ring.DEFAULT_PARTITIONS, SyncPolicy.NONE,
                DEFAULT_WARN_SIBLINGS, DEFAULT_MAX_SIBLINGS);
    }

    public Member selfMember() {
        return listen.orElseGet(() -> members.stream().filter(m -> m.id().equals(self)).findFirst().orElseThrow());
    }
}
