package io.dynamo.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Node processes on loopback, each its own JVM running {@code dynamo node}: real sockets, real
 * SIGKILL. Node {@code i} keeps its data in {@code WORK/nI} and its output in {@code WORK/nI.log}
 * (appended across restarts). {@link #close()} stops every process it started, also when the JVM
 * that started them is shutting down (Ctrl-C, SIGTERM).
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ClusterLayout layout;
    private final NodeRuntime runtime;
    private final Path workDir;
    private final List<String> commonArgs;
    private final List<List<String>> ownArgs = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final Duration readyTimeout;
    private final boolean deleteWorkDir;
    private final List<Integer> metricsPorts;
    private final Thread shutdownHook = new Thread(this::close, "local-cluster-stop");
    private boolean closed;

    private LocalCluster(Builder b) {
        this.layout = b.layout;
        this.runtime = b.runtime;
        this.workDir = b.workDir.toAbsolutePath();
        this.commonArgs = List.copyOf(b.commonArgs);
        this.readyTimeout = b.readyTimeout;
        this.deleteWorkDir = b.deleteWorkDir;
        this.metricsPorts = b.metrics ? metricsPorts(layout) : List.of();
        for (NodeAddress node : layout.nodes()) {
            ownArgs.add(List.of());
            nodes.add(new NodeProcess(node.id(), workDir.resolve(node.id() + ".log")));
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A free port per node on its host, none of them a node's own port (which is not bound yet). */
    private static List<Integer> metricsPorts(ClusterLayout layout) {
        List<String> hosts = layout.nodes().stream().map(NodeAddress::host).toList();
        for (int attempt = 0; ; attempt++) {
            List<Integer> ports = FreePorts.on(hosts);
            if (layout.nodes().stream().noneMatch(n -> ports.contains(n.port())) || attempt == 10) {
                return ports;
            }
        }
    }

    /** A cluster of {@code layout}'s nodes started by {@code runtime}, their data and logs under {@code workDir}. */
    public static Builder builder(ClusterLayout layout, NodeRuntime runtime, Path workDir) {
        return new Builder(layout, runtime, workDir);
    }

    public ClusterLayout layout() {
        return layout;
    }

    public String name() {
        return layout.cluster();
    }

    public int size() {
        return layout.size();
    }

    public String id(int index) {
        return layout.node(index).id();
    }

    public String host(int index) {
        return layout.node(index).host();
    }

    public int port(int index) {
        return layout.node(index).port();
    }

    /** {@code HOST:PORT} of node {@code index}. */
    public String address(int index) {
        return layout.node(index).address();
    }

    public String seeds() {
        return layout.seeds();
    }

    /**
     * The static members, {@code --members} (or the seeds to put in ZooKeeper): every node but those
     * that join a running cluster through {@code --seeds}.
     */
    public String members() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!NodeArgs.joins(ownArgs.get(i))) {
                out.add(layout.node(i).member());
            }
        }
        return String.join(",", out);
    }

    /** Options of node {@code index} from its next start on, replacing the cluster-wide ones of the same name and its earlier own ones. */
    public synchronized void nodeArgs(int index, List<String> args) {
        NodeArgs.requirePairs(args);
        ownArgs.set(index, List.copyOf(args));
    }

    /** Where node {@code index} serves {@code /metrics} and its status page; the cluster must be built with {@link Builder#metrics()}. */
    public int metricsPort(int index) {
        if (metricsPorts.isEmpty()) {
            throw new IllegalStateException("cluster " + name() + " was built without metrics (LocalCluster.Builder.metrics())");
        }
        return metricsPorts.get(index);
    }

    /** Where the nodes' data directories and logs are. */
    public Path workDir() {
        return workDir;
    }

    public Path dataDir(int index) {
        return workDir.resolve(id(index));
    }

    public Path log(int index) {
        return nodes.get(index).log();
    }

    public synchronized boolean running(int index) {
        return nodes.get(index).running();
    }

    /** True once node {@code index} was started, whether or not it still runs. */
    public synchronized boolean started(int index) {
        return nodes.get(index).started();
    }

    /** Starts every node at once, then waits until each serves. */
    public void startAll() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            all.add(i);
        }
        startEach(all);
    }

    /** Starts the nodes of these indexes at once, then waits until each serves (others, e.g. a node to join later, stay down). */
    public void startEach(List<Integer> indexes) {
        indexes.forEach(this::launch);
        indexes.forEach(i -> nodes.get(i).awaitReady(readyTimeout));
    }

    /** Starts node {@code index} (again, from its data directory) and waits until it serves. */
    public void start(int index) {
        launch(index);
        nodes.get(index).awaitReady(readyTimeout);
    }

    /** Like {@link #start(int)}, with {@link #nodeArgs own options} from now on. */
    public void start(int index, List<String> args) {
        nodeArgs(index, args);
        start(index);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public synchronized void kill(int index) {
        nodes.get(index).stop(true, STOP_GRACE);
    }

    /** SIGTERM: the node stops serving, flushes and closes its engine. */
    public synchronized void terminate(int index) {
        nodes.get(index).stop(false, STOP_GRACE);
    }

    /** SIGSTOP: node {@code index} stops where it is until {@link #resume}; {@link #close()} resumes it before stopping it. */
    public synchronized void pause(int index) {
        nodes.get(index).pause();
    }

    /** The process id of node {@code index}'s JVM (its last start). */
    synchronized long pid(int index) {
        return nodes.get(index).pid();
    }

    /** SIGCONT to node {@code index} if {@link #pause} stopped it. */
    public synchronized void resume(int index) {
        nodes.get(index).resume();
    }

    /** SIGTERM, then a start from the same data directory. */
    public void restart(int index) {
        terminate(index);
        start(index);
    }

    /** Deletes node {@code index}'s data directory (a lost disk); the node must be stopped. */
    public synchronized void wipe(int index) {
        if (running(index)) {
            throw new IllegalStateException("node " + id(index) + " is running: stop it before wiping its data");
        }
        try {
            Directories.delete(dataDir(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dataDir(index), e);
        }
    }

    /** SIGTERM to every node at once, a bounded wait, SIGKILL to any left; then the work directory goes if asked. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called by the hook itself
        }
        nodes.forEach(NodeProcess::signalTerminate);
        nodes.forEach(n -> n.awaitExit(STOP_GRACE));
        if (deleteWorkDir) {
            try {
                Directories.delete(workDir);
            } catch (IOException e) {
                // Best effort: a temporary directory left behind is not worth failing the run for.
            }
        }
    }

    private synchronized void launch(int index) {
        if (closed) {
            throw new IllegalStateException("cluster " + name() + " is closed");
        }
        NodeAddress node = layout.node(index);
        List<String> args = new ArrayList<>(List.of("node", "--cluster", name(), "--node-id", node.id(), "--listen", node.address(),
                "--data-dir", dataDir(index).toString()));
        List<String> merged = NodeArgs.merge(commonArgs, ownArgs.get(index));
        if (!metricsPorts.isEmpty()) {
            merged = NodeArgs.merge(List.of("--metrics-port", Integer.toString(metricsPorts.get(index))), merged);
        }
        if (NodeArgs.needsMembers(merged)) {
            args.addAll(List.of("--members", members()));
        }
        args.addAll(merged);
        nodes.get(index).launch(runtime.processFor(args));
    }

    @Override
    public String toString() {
        return name() + layout.nodes().stream().map(NodeAddress::member).collect(Collectors.joining(",", "[", "]"));
    }

    /** The settings of a {@link LocalCluster}; only layout, runtime and work directory are required. */
    public static final class Builder {
        private final ClusterLayout layout;
        private final NodeRuntime runtime;
        private final Path workDir;
        private List<String> commonArgs = List.of();
        private Duration readyTimeout = Duration.ofSeconds(60);
        private boolean deleteWorkDir;
        private boolean freshWorkDir;
        private boolean metrics;

        private Builder(ClusterLayout layout, NodeRuntime runtime, Path workDir) {
            this.layout = Objects.requireNonNull(layout, "layout");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            this.workDir = Objects.requireNonNull(workDir, "workDir");
        }

        /** Options added to every node's command line, in pairs {@code --name value}. */
        public Builder nodeArgs(List<String> args) {
            NodeArgs.requirePairs(args);
            this.commonArgs = List.copyOf(args);
            return this;
        }

        /** How long a start may take before it fails (default 60 s). */
        public Builder readyTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("ready timeout must be positive, got " + timeout);
            }
            this.readyTimeout = timeout;
            return this;
        }

        /** Delete the work directory (data and logs) on close: for throw-away clusters such as the demo's. */
        public Builder deleteWorkDirOnClose() {
            this.deleteWorkDir = true;
            return this;
        }

        /** Every node serves metrics and its status page ({@code --metrics-port}) on a free port of its host: {@link LocalCluster#metricsPort}. */
        public Builder metrics() {
            this.metrics = true;
            return this;
        }

        /** Delete whatever an earlier run left in the work directory before the first start: every node starts empty. */
        public Builder freshWorkDir() {
            this.freshWorkDir = true;
            return this;
        }

        public LocalCluster build() {
            if (freshWorkDir) {
                try {
                    Directories.delete(workDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot empty " + workDir, e);
                }
            }
            return new LocalCluster(this);
        }
    }
}
