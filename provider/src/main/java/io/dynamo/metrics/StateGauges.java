package io.dynamo.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of state that costs a scan to read (hints are counted by a pass over the hint store, the
 * engine's size by a walk of its files): read by {@link #refresh} about once a second, not at
 * every scrape. Members come and go, so their rows are replaced as a whole each time.
 */
final class StateGauges {
    private final MetricSources sources;
    private final MultiGauge peerState;
    private final MultiGauge peerPhi;
    private final MultiGauge ownership;
    private final MultiGauge hintsPending;
    private final AtomicLong engineKeys = new AtomicLong();
    private final AtomicLong engineBytes = new AtomicLong();
    private volatile List<PeerState> members = List.of();
    private volatile Map<String, Long> pending = Map.of();

    StateGauges(MeterRegistry registry, MetricSources sources) {
        this.sources = sources;
        this.peerState = MultiGauge.builder("dynamo.gossip.state")
                .description("1 for each member's state as this node sees it (joining, up, leaving, down)").register(registry);
        this.peerPhi = MultiGauge.builder("dynamo.gossip.phi").description("phi-accrual suspicion of each peer (§4.8.3)").register(registry);
        this.ownership = MultiGauge.builder("dynamo.ring.partitions").description("partitions the ring gives each member").register(registry);
        this.hintsPending = MultiGauge.builder("dynamo.hints.pending").description("hints held here for each intended owner (§4.6)")
                .register(registry);
        Gauge.builder("dynamo.engine.keys", engineKeys, AtomicLong::get).tag("engine", sources.engine())
                .description("keys in the storage engine (approximate)").register(registry);
        Gauge.builder("dynamo.engine.size", engineBytes, AtomicLong::get).tag("engine", sources.engine()).baseUnit(BaseUnits.BYTES)
                .description("bytes of the engine's files on disk (0 in memory)").register(registry);
    }

    void refresh() {
        List<PeerState> now = List.copyOf(sources.members().get());
        Map<String, Long> held = new TreeMap<>();
        for (PeerState p : now) {
            if (!p.id().equals(sources.self())) {
                held.put(p.id(), 0L); // a row per peer, so "no hints" reads 0 rather than nothing
            }
        }
        held.putAll(sources.hintsPending().get());
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> phis = new ArrayList<>();
        List<MultiGauge.Row<?>> owned = new ArrayList<>();
        for (PeerState p : now) {
            states.add(MultiGauge.Row.of(Tags.of("peer", p.id(), "state", p.state()), 1));
            phis.add(MultiGauge.Row.of(Tags.of("peer", p.id()), p.phi()));
            owned.add(MultiGauge.Row.of(Tags.of("peer", p.id()), p.partitions()));
        }
        List<MultiGauge.Row<?>> hints = new ArrayList<>();
        held.forEach((owner, count) -> hints.add(MultiGauge.Row.of(Tags.of("owner", owner), count)));
        peerState.register(states, true);
        peerPhi.register(phis, true);
        ownership.register(owned, true);
        hintsPending.register(hints, true);
        engineKeys.set(sources.engineKeys().getAsLong());
        engineBytes.set(sources.engineBytes().getAsLong());
        members = now;
        pending = Map.copyOf(held);
    }

    List<PeerState> members() {
        return members;
    }

    Map<String, Long> pending() {
        return pending;
    }

    long engineKeys() {
        return engineKeys.get();
    }

    long engineBytes() {
        return engineBytes.get();
    }
}
