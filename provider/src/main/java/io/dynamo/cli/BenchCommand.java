package io.dynamo.cli;

import io.dynamo.cli.bench.BenchDurationConverter;
import io.dynamo.cli.bench.BenchReport;
import io.dynamo.cli.bench.BenchResult;
import io.dynamo.cli.bench.BenchSettings;
import io.dynamo.cli.bench.BenchTarget;
import io.dynamo.cli.bench.LoadBench;
import io.dynamo.cli.bench.PreloadFailedException;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Load through the Java client, closed loop or at a fixed rate (--rate): throughput and p50/p95/p99/p99.9/max latency per operation.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--threads", defaultValue = "16", description = "Load threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--duration", defaultValue = "20s", converter = BenchDurationConverter.class, description = "Measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "60s", converter = BenchDurationConverter.class, description = "Warm-up, not measured: "
            + "load that lets the node JVMs compile their hot paths after the bulk preload (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--keys", defaultValue = "100000", description = "Key space, written once before the run (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--value-size", defaultValue = "100", paramLabel = "B", description = "Value size in bytes (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "--read-proportion", defaultValue = "0.5", paramLabel = "P", description = "Share of gets, 0..1 (default: ${DEFAULT-VALUE}).")
    double readProportion;

    @Option(names = "--no-preload", description = "Skip writing every key once before the run.")
    boolean noPreload;

    @Option(names = "--rate", paramLabel = "R", description = "Open loop: R operations per second in total, spread over the threads, each "
            + "started at its intended time and its latency counted from then (coordinated omission corrected). Without it, a closed loop.")
    Double rate;

    @Option(names = "--engine", defaultValue = "unknown", description = "The nodes' storage engine, for the report only (bench-cluster sets it) "
            + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as one JSON line to FILE.")
    Path json;

    @Option(names = "--api", defaultValue = "client", description = "client (the raw DynamoClient) or jcache (javax.cache through this provider, "
            + "String keys and byte[] values, a plain last-write-wins cache) (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--op", defaultValue = "put", description = "What a write is: put (a plain, sloppy-quorum put) or cas (a conditional "
            + "write: a read, then a compare-and-set on its version, a Paxos round among the key's replicas; through jcache, replace) "
            + "(default: ${DEFAULT-VALUE}).")
    String op;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        BenchSettings settings = BenchSettings.of(threads, duration, keys, valueSize, readProportion)
                .withWarmup(warmup).withPreload(!noPreload);
        if (json != null) {
            settings = settings.withJson(json);
        }
        if (rate != null) {
            settings = settings.withRate(rate);
        }
        // Blind puts (no read first) under the siblings policy would pile up siblings: a bench
        // measures what a plain JCache cache does, last-write-wins, unless told otherwise.
        CacheSpec cache = client.cacheSpec(ConflictPolicy.LAST_WRITE_WINS);
        if (!api.equals("client") && !api.equals("jcache")) {
            throw new IllegalArgumentException("--api must be client or jcache, got '" + api + "'");
        }
        if (!op.equals("put") && !op.equals("cas")) {
            throw new IllegalArgumentException("--op must be put or cas, got '" + op + "'");
        }
        boolean cas = op.equals("cas");
        try (DynamoClient c = client.connect(); JCacheTarget jcache = api.equals("jcache") ? JCacheTarget.open(client, cache, cas) : null) {
            BenchTarget target = jcache != null ? jcache : new ClientTarget(c, cache, cas);
            LoadBench bench = new LoadBench(target, settings);
            Thread hook = new Thread(bench::stop, "bench-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            BenchResult result;
            try {
                result = bench.run();
            } catch (PreloadFailedException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } finally {
                removeHook(hook);
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("seeds", client.seeds);
            context.put("members", c.ring().members().size());
            context.put("n", cache.n());
            context.put("r", cache.r());
            context.put("w", cache.w());
            context.put("policy", cache.policy().label());
            context.put("api", api);
            context.put("op", op);
            context.put("tls", client.tls.files().isPresent());
            context.put("engine", engine);
            BenchReport report = new BenchReport(settings, result, context);
            System.out.print(report.table());
            report.writeJsonIfRequested().ifPresent(p -> System.out.println("figures written to " + p));
            return result.errors() > 0 || result.getMisses() > 0 ? 1 : 0;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook has run
        }
    }

    /**
     * The load generator's view of the store: one get or put through the client, as an application
     * does; with {@code cas}, a write is a read and a compare-and-set on its context.
     */
    private record ClientTarget(DynamoClient client, CacheSpec cache, boolean cas) implements BenchTarget {
        private static final Duration BULK_TIMEOUT = Duration.ofSeconds(30);

        @Override
        public boolean get(byte[] key) {
            return !client.get(cache, key).isEmpty();
        }

        @Override
        public void put(byte[] key, byte[] value) {
            if (cas) {
                client.compareAndSet(cache, key, client.get(cache, key).context(), Optional.of(value));
            } else {
                client.put(cache, key, Context.empty(), value);
            }
        }

        /** The preload streams the keys in bulk puts (every replica of each key written), whatever a write of the run is. */
        @Override
        public boolean writesInBulk() {
            return true;
        }

        @Override
        public void putAll(List<byte[]> keys, byte[] value) {
            client.putAll(bulk(cache), keys, Collections.nCopies(keys.size(), value));
        }

        /** A batch of a thousand keys on three replicas takes longer than one put: a timeout of at least {@link #BULK_TIMEOUT}. */
        private static CacheSpec bulk(CacheSpec cache) {
            Duration timeout = cache.timeout().compareTo(BULK_TIMEOUT) >= 0 ? cache.timeout() : BULK_TIMEOUT;
            return new CacheSpec(cache.name(), cache.n(), cache.r(), cache.w(), cache.policy(), timeout, cache.expiring());
        }
    }
}
