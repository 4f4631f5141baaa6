package io.dynamo.node;

import io.dynamo.antientropy.AntiEntropy;
import io.dynamo.config.EngineKind;
import io.dynamo.config.NodeConfig;
import io.dynamo.coordinator.Coordinator;
import io.dynamo.handoff.HintStore;
import io.dynamo.handoff.HintedHandoff;
import io.dynamo.membership.MemberEntry;
import io.dynamo.membership.MemberState;
import io.dynamo.membership.Membership;
import io.dynamo.membership.MembershipView;
import io.dynamo.metrics.MetricSources;
import io.dynamo.metrics.PeerState;
import io.dynamo.rebalance.Rebalancer;
import io.dynamo.ring.NodeId;
import io.dynamo.spi.StorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What a node's metrics read, from the node's parts: the one place that knows both sides. */
final class NodeMetricSources {
    private NodeMetricSources() {
    }

    static MetricSources of(NodeConfig config, StorageEngine engine, Membership membership, Coordinator coordinator, HintStore hints,
            HintedHandoff handoff, AntiEntropy antiEntropy, Rebalancer rebalancer) {
        Path files = config.storage().dataDir().resolve("engine");
        boolean onDisk = config.storage().engine() == EngineKind.ROCKSDB;
        return new MetricSources(config.self().value(), config.storage().engine().name().toLowerCase(Locale.ROOT),
                () -> members(membership), () -> pending(hints), handoff::delivered, coordinator::stats, antiEntropy.periodicStats(),
                antiEntropy.repairStats(), rebalancer::status, engine::approximateKeyCount, () -> onDisk ? bytesUnder(files) : 0);
    }

    /** Every member with its gossiped state, or down when this node's detector holds it down (as {@code admin status} shows). */
    static List<PeerState> members(Membership membership) {
        MembershipView view = membership.view();
        List<PeerState> out = new ArrayList<>();
        for (MemberEntry e : view.members().values()) {
            NodeId id = e.member().id();
            boolean self = id.equals(membership.self());
            MemberState state = membership.isUp(id) ? e.state() : MemberState.DOWN;
            double phi = self ? 0 : membership.detector().phi(id);
            out.add(new PeerState(id.value(), e.member().hostPort(), state.label(), phi, view.ring().partitionsOwnedBy(id).size()));
        }
        return out;
    }

    private static Map<String, Long> pending(HintStore hints) {
        Map<String, Long> out = new LinkedHashMap<>();
        hints.pendingByOwner().forEach((owner, count) -> out.put(owner.value(), count));
        return out;
    }

    /** The size of the engine's files: RocksDB's live data, logs and obsolete files alike, so an approximation. */
    private static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(NodeMetricSources::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file compaction removed while we walked: the next refresh counts again
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
