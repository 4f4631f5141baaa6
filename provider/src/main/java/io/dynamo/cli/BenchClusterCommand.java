package io.dynamo.cli;

import io.dynamo.cli.bench.BenchDurationConverter;
import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.LocalCluster;
import io.dynamo.launcher.NodeJvm;
import io.dynamo.launcher.NodeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Three node JVMs on loopback and {@code bench} against them from this JVM: four JVMs, the shape
 * of the Hazelcast peer's {@code run-cluster.sh}, so that the two compare side by side.
 * {@code bin/bench-cluster} is this command with its options taken from environment variables.
 */
@Command(name = "bench-cluster", mixinStandardHelpOptions = true, description = "Start 3 nodes on loopback, run 'bench' against them from this JVM, stop the nodes "
        + "(also on error or Ctrl-C). Bench options follow '--'.")
final class BenchClusterCommand implements java.util.concurrent.Callable<Integer> {
    private static final int NODES = 3;
    private static final int TIMED_OUT = 124; // what timeout(1) returns, as bin/bench-cluster did

    @Option(names = "--base-port", defaultValue = "17701", description = "Nodes listen on 127.0.0.1:P, P+1, P+2 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--node-opts", defaultValue = "", description = "JVM options of the nodes; completed as for 'dynamo node' "
            + "(heap -Xms = -Xmx, default 1g; G1 unless a collector is named; GC logs in the bench's work directory).")
    String nodeOpts;

    @Option(names = "--engine", defaultValue = "rocksdb", description = "rocksdb or memory (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--timeout", defaultValue = "300s", converter = BenchDurationConverter.class,
            description = "The bench must end within this, or everything is stopped and the exit code is 124 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--node-args", defaultValue = "", description = "Options added to every 'dynamo node', e.g. '--anti-entropy-interval 5s'.")
    String nodeArgs;

    @Option(names = "--pause-node", paramLabel = "I",
            description = "SIGSTOP node nI (1..3) --pause-at after the load starts (warm-up included) and SIGCONT it --pause-for later; "
                    + "the keys are preloaded by a 1 s bench first, so that the pause falls in the load. Default: no pause.")
    Integer pauseNode;

    @Option(names = "--pause-at", defaultValue = "10s", converter = BenchDurationConverter.class,
            description = "When the pause starts, from the start of the load (default: ${DEFAULT-VALUE}).")
    Duration pauseAt;

    @Option(names = "--pause-for", defaultValue = "2s", converter = BenchDurationConverter.class,
            description = "How long the node stays stopped (default: ${DEFAULT-VALUE}).")
    Duration pauseFor;

    @Parameters(paramLabel = "BENCH_OPTION", description = "Options of 'bench' (after '--'), e.g. --threads 16 --duration 20s.")
    List<String> benchArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!engine.equals("rocksdb") && !engine.equals("memory")) {
            throw new IllegalArgumentException("--engine must be rocksdb or memory, got '" + engine + "'");
        }
        if (timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        Optional<NodePause> pause = pauseNode == null ? Optional.empty() : Optional.of(new NodePause(pauseNode - 1, pauseAt, pauseFor));
        ClusterLayout layout = ClusterLayout.onPorts("bench", NODES, "127.0.0.1", basePort);
        Path work = Files.createTempDirectory("dynamo-bench");
        List<String> jvm = new ArrayList<>(NodeJvm.options(words(nodeOpts), Optional.of(work),
                Path.of(System.getProperty("java.home"), "bin", "java")));
        jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        List<String> common = new ArrayList<>(List.of("--engine", engine));
        common.addAll(words(nodeArgs));
        try (LocalCluster cluster = LocalCluster.builder(layout, NodeRuntime.thisJvm(DynamoCli.class.getName(), jvm), work)
                .nodeArgs(common).deleteWorkDirOnClose().build()) {
            cluster.startAll();
            if (pause.isEmpty()) {
                return bench(cluster.address(0), benchArgs);
            }
            return pausedBench(cluster, pause.get());
        }
    }

    /**
     * The bench with one node paused during its load. The preload comes first, as a bench of 1 s
     * whose figures are not the measurement: the pause is timed from the start of the load, and a
     * preload takes as long as the machine makes it.
     */
    private int pausedBench(LocalCluster cluster, NodePause pause) throws InterruptedException, ExecutionException {
        if (!benchArgs.contains("--no-preload")) {
            System.err.println("bench-cluster: preloading the keys (a 1 s bench; its figures are not the measurement)");
            List<String> preload = new ArrayList<>(BenchArgs.without(benchArgs, "--duration", "--warmup", "--json"));
            preload.addAll(List.of("--duration", "1s", "--warmup", "0s"));
            int code = bench(cluster.address(0), preload);
            if (code != 0) {
                return code;
            }
        }
        List<String> load = new ArrayList<>(benchArgs);
        if (!load.contains("--no-preload")) {
            load.add("--no-preload");
        }
        try (NodePause.Running running = pause.start(cluster)) {
            return bench(cluster.address(0), load);
        }
    }

    /** {@code bench --seeds FIRST_NODE ARGS} in this JVM, bounded by {@code --timeout}. */
    private int bench(String seed, List<String> benchOptions) throws InterruptedException, ExecutionException {
        List<String> args = new ArrayList<>(List.of("bench", "--seeds", seed));
        if (benchOptions.stream().noneMatch(a -> a.equals("--engine") || a.startsWith("--engine="))) {
            args.add("--engine=" + engine); // the report names the nodes' engine
        }
        args.addAll(benchOptions);
        CompletableFuture<Integer> run = new CompletableFuture<>();
        Thread worker = new Thread(() -> run.complete(DynamoCli.run(args.toArray(String[]::new))), "bench");
        worker.setDaemon(true); // a bench past its timeout must not keep the JVM alive
        worker.start();
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.err.println("error: the bench did not end within " + timeout.toSeconds() + " s; stopping the nodes");
            return TIMED_OUT;
        }
    }

    private static List<String> words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
