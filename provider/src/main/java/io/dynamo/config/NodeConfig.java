package io.dynamo.config;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;

/**
 * Everything a node needs to start, in one typed place, one record per concern; every default is
 * in {@link NodeDefaults}. {@code bin/dynamo node}, the embedded JCache node and the tests all build
 * one: {@link #of} with the three settings that have no default, then {@link #with} for the rest.
 * Each record refuses a bad setting in its constructor, naming the setting and the value; this one
 * checks what spans two of them.
 */
public record NodeConfig(NodeIdentity identity, Discovery discovery, StorageConfig storage, ReplicationConfig replication,
        MembershipConfig membership, HandoffConfig handoff, RebalanceConfig rebalance, AntiEntropyConfig antiEntropy,
        TransportSettings transport, TlsConfig tls, MetricsConfig metrics, ClockConfig clock, ReadConfig read) {
    public NodeConfig {
        Check.given("identity", identity);
        Check.given("discovery", discovery);
        Check.given("storage", storage);
        Check.given("replication", replication);
        Check.given("membership", membership);
        Check.given("handoff", handoff);
        Check.given("rebalance", rebalance);
        Check.given("anti-entropy", antiEntropy);
        Check.given("transport", transport);
        Check.given("tls", tls);
        Check.given("metrics", metrics);
        Check.given("clock", clock);
        Check.given("read", read);
        if (!discovery.members().isEmpty()) {
            NodeId self = identity.id();
            Member entry = discovery.member(self).orElseThrow(() -> new IllegalArgumentException("this node's id " + self
                    + " is not in the member list " + discovery.members().stream().map(Member::id).toList()));
            if (!entry.hostPort().equals(identity.listen().hostPort())) {
                throw new IllegalArgumentException("listen " + identity.listen().hostPort() + " differs from this node's entry in members ("
                        + entry.hostPort() + ")");
            }
        }
        // A write travels in one frame: the largest key and value must fit, with room for the envelope.
        long largestWrite = (long) storage.maxKeyBytes() + storage.maxValueBytes();
        if (largestWrite >= transport.maxFrameBytes()) {
            throw new IllegalArgumentException("max-key-bytes + max-value-bytes (" + largestWrite + ") must be below max-frame-bytes ("
                    + transport.maxFrameBytes() + ")");
        }
    }

    /** A node with every default but who it is, how it finds its cluster and where it keeps its data. */
    public static NodeConfig of(NodeIdentity identity, Discovery discovery, StorageConfig storage) {
        return new NodeConfig(identity, discovery, storage, ReplicationConfig.defaults(), MembershipConfig.defaults(),
                HandoffConfig.defaults(), RebalanceConfig.defaults(), AntiEntropyConfig.defaults(), TransportSettings.defaults(),
                TlsConfig.defaults(), MetricsConfig.defaults(), ClockConfig.defaults(),
                ReadConfig.defaults());
    }

    /**
     * Protected mode, checked when the node starts (the configuration may be built in steps): a
     * node listening off loopback needs TLS, with a key only its owner reads, unless {@code insecure}.
     *
     * @throws IllegalArgumentException that says how to turn TLS on
     */
    public void checkProtectedMode() {
        tls.checkProtected(identity.listen().host());
    }

    public String cluster() {
        return identity.cluster();
    }

    public NodeId self() {
        return identity.id();
    }

    /** This node as a ring member: its entry in the static members (with its zone), else where it listens. */
    public Member selfMember() {
        return discovery.member(self()).orElse(identity.listen());
    }

    /** This configuration with {@code part} in place of the record of its concern: {@code config.with(handoff).with(antiEntropy)}. */
    public NodeConfig with(Part part) {
        return new NodeConfig(part instanceof NodeIdentity i ? i : identity, part instanceof Discovery d ? d : discovery,
                part instanceof StorageConfig s ? s : storage, part instanceof ReplicationConfig r ? r : replication,
                part instanceof MembershipConfig m ? m : membership, part instanceof HandoffConfig h ? h : handoff,
                part instanceof RebalanceConfig b ? b : rebalance, part instanceof AntiEntropyConfig a ? a : antiEntropy,
                part instanceof TransportSettings t ? t : transport, part instanceof TlsConfig s ? s : tls,
                part instanceof MetricsConfig x ? x : metrics, part instanceof ClockConfig c ? c : clock,
                part instanceof ReadConfig g ? g : read);
    }

    /** The settings of one concern. */
    public sealed interface Part permits NodeIdentity, Discovery, StorageConfig, ReplicationConfig, MembershipConfig, HandoffConfig,
            RebalanceConfig, AntiEntropyConfig, TransportSettings, TlsConfig, MetricsConfig, ClockConfig, ReadConfig {}
}
