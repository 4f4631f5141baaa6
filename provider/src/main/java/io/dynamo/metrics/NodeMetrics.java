package io.dynamo.metrics;

import io.dynamo.antientropy.ExchangeStats;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's metrics: one Micrometer registry, exposed in Prometheus' text format. Names follow
 * Micrometer's conventions (dot-separated, lowercase, tags for the operation, peer or owner); the
 * Prometheus registry turns {@code dynamo.requests} into {@code dynamo_requests_seconds_*}.
 * What the concept packages count is bound here through {@link MetricSources}; client requests
 * are timed by wrapping the coordinator's handler ({@link #measure}).
 */
public final class NodeMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeMetrics.class);
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricSources sources;
    private final RequestMeters requests;
    private final StateGauges state;
    private final RequestRates rates = new RequestRates(RATE_WINDOW_NANOS);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(Daemons.named("metrics-refresh"));

    public NodeMetrics(MetricSources sources) {
        this.sources = sources;
        registry.config().commonTags("node", sources.self());
        this.requests = new RequestMeters(registry);
        this.state = new StateGauges(registry, sources);
        bindCounters(registry, sources);
        refresh();
        refresher.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
    }

    private static void bindCounters(MeterRegistry registry, MetricSources s) {
        FunctionCounter.builder("dynamo.sloppy.writes", s, x -> x.coordinator().get().sloppyWrites())
                .description("replica writes sent to a fallback node with a hint, a primary being down (§4.6)").register(registry);
        FunctionCounter.builder("dynamo.hints.stored", s, x -> x.coordinator().get().hintsKept())
                .description("states this coordinator kept as hints itself").register(registry);
        FunctionCounter.builder("dynamo.hints.delivered", s, x -> x.hintsDelivered().getAsLong())
                .description("hints acknowledged by their owner").register(registry);
        FunctionCounter.builder("dynamo.read.repairs", s, x -> x.coordinator().get().readRepairs())
                .description("stale replicas sent the reconciled state after a read (§5)").register(registry);
        FunctionCounter.builder("dynamo.read.hedges", s, x -> x.coordinator().get().hedgedReads())
                .description("replica reads sent because those asked were slower than the hedge delay").register(registry);
        exchanges(registry, "periodic", s.antiEntropy());
        exchanges(registry, "repair", s.repairs());
        rebalance("dynamo.rebalance.partitions", s, p -> p.moved(), "partitions moved by the change planned here").tag("kind", "moved")
                .register(registry);
        rebalance("dynamo.rebalance.partitions", s, p -> p.total(), "partitions the change planned here moves").tag("kind", "total")
                .register(registry);
        rebalance("dynamo.rebalance.keys", s, p -> p.keys(), "keys streamed by the change planned here").register(registry);
        rebalance("dynamo.rebalance.streamed", s, p -> p.bytes(), "bytes streamed by the change planned here")
                .baseUnit(BaseUnits.BYTES).register(registry);
        rebalance("dynamo.rebalance.running", s, p -> p.running() ? 1 : 0, "1 while a change planned here runs").register(registry);
    }

    private static void exchanges(MeterRegistry registry, String kind, ExchangeStats stats) {
        String what = kind.equals("periodic") ? "periodic anti-entropy exchanges (§4.7)" : "on-demand repairs run from here";
        FunctionCounter.builder("dynamo.antientropy.keys", stats, ExchangeStats::keysSent).tags("kind", kind, "direction", "sent")
                .description("keys pushed by " + what).register(registry);
        FunctionCounter.builder("dynamo.antientropy.keys", stats, ExchangeStats::keysReceived).tags("kind", kind, "direction", "received")
                .description("keys pulled by " + what).register(registry);
        FunctionCounter.builder("dynamo.antientropy.traffic", stats, ExchangeStats::bytesSent).tags("kind", kind, "direction", "sent")
                .baseUnit(BaseUnits.BYTES).description("bytes sent by " + what).register(registry);
        FunctionCounter.builder("dynamo.antientropy.traffic", stats, ExchangeStats::bytesReceived).tags("kind", kind, "direction", "received")
                .baseUnit(BaseUnits.BYTES).description("bytes received by " + what).register(registry);
    }

    private static Gauge.Builder<MetricSources> rebalance(String name, MetricSources s,
            ToDoubleFunction<ChangeProgress> value, String description) {
        return Gauge.builder(name, s, x -> value.applyAsDouble(x.rebalance().get())).description(description);
    }

    /** {@code coordinatorHandler} with its get, put, delete and compare-and-set requests timed and counted. */
    public MessageHandler measure(MessageHandler coordinatorHandler) {
        return new MeasuredHandler(coordinatorHandler, requests);
    }

    /** Every meter in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The node's figures now (members, hints and the engine as of the last refresh, at most a second old). */
    public NodeSnapshot snapshot() {
        List<OperationFigures> ops = new ArrayList<>();
        for (String op : RequestMeters.OPERATIONS) {
            ops.add(new OperationFigures(op, requests.count(op), rates.perSecond(op), requests.quorumFailures(op),
                    requests.percentileMillis(op, 0.5), requests.percentileMillis(op, 0.99)));
        }
        return new NodeSnapshot(sources.self(), state.members(), state.pending(), sources.hintsDelivered().getAsLong(), ops,
                sources.coordinator().get(), NodeSnapshot.Transfer.of(sources.antiEntropy()), NodeSnapshot.Transfer.of(sources.repairs()),
                sources.rebalance().get(), sources.engine(), state.engineKeys(), state.engineBytes());
    }

    /** Re-reads the scanned state and samples the request rates; every second on its own thread. */
    void refresh() {
        try {
            state.refresh();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String op : RequestMeters.OPERATIONS) {
                counts.put(op, requests.count(op));
            }
            rates.sample(System.nanoTime(), counts);
        } catch (RuntimeException e) {
            log.debug("metrics refresh failed: {}", e.toString()); // the node may be closing; the next refresh tries again
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        registry.close();
    }
}
