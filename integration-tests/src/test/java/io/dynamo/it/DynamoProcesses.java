package io.dynamo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A cluster of node processes started through the launcher, {@code bin/dynamo node}, on loopback:
 * each node its own JVM, real sockets, real SIGKILL. Output goes to one log file per node under
 * {@code target/it-logs}. {@link #close()} stops every process it started.
 */
final class DynamoProcesses implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String cluster;
    private final Path workDir;
    private final List<String> ids = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Process[] processes;
    private final int[] starts;
    private final List<String> nodeArgs;
    private final List<List<String>> extraArgs = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();

    DynamoProcesses(String cluster, int size, Path workDir) {
        this(cluster, size, workDir, List.of());
    }

    /** @param nodeArgs options added to every {@code bin/dynamo node} command line, in pairs: {@code --name value} */
    DynamoProcesses(String cluster, int size, Path workDir, List<String> nodeArgs) {
        this(cluster, size, workDir, nodeArgs, i -> "127.0.0.1");
    }

    /** Node {@code i} (0-based) listens on {@code host.apply(i)}, e.g. 127.0.0.11, 127.0.0.12... for per-link faults. */
    DynamoProcesses(String cluster, int size, Path workDir, java.util.function.IntFunction<String> host) {
        this(cluster, size, workDir, List.of(), host);
    }

    DynamoProcesses(String cluster, int size, Path workDir, List<String> nodeArgs, java.util.function.IntFunction<String> host) {
        this.nodeArgs = List.copyOf(nodeArgs);
        this.cluster = cluster;
        this.workDir = workDir;
        for (int i = 1; i <= size; i++) {
            ids.add("n" + i);
            hosts.add(host.apply(i - 1));
            extraArgs.add(List.of());
        }
        ports.addAll(freePorts(hosts));
        this.processes = new Process[size];
        this.starts = new int[size];
    }

    /** Options added to node {@code index}'s command line from its next start on (replacing earlier ones). */
    void extraArgs(int index, String... args) {
        extraArgs.set(index, List.of(args));
    }

    String host(int index) {
        return hosts.get(index);
    }

    /** {@code HOST:PORT} of node {@code index}. */
    String address(int index) {
        return hosts.get(index) + ":" + ports.get(index);
    }

    static Path home() {
        return Path.of(System.getProperty("dynamo.home", "..")).toAbsolutePath().normalize();
    }

    static Path launcher() {
        return home().resolve("bin/dynamo");
    }

    /** The static members: every node but those started with {@code --seeds} (which join an existing cluster). */
    String members() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!extraArgs.get(i).contains("--seeds")) {
                out.add(ids.get(i) + "@" + address(i));
            }
        }
        return String.join(",", out);
    }

    String seeds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            out.add(address(i));
        }
        return String.join(",", out);
    }

    int port(int index) {
        return ports.get(index);
    }

    String id(int index) {
        return ids.get(index);
    }

    int size() {
        return processes.length;
    }

    void startAll() {
        for (int i = 0; i < processes.length; i++) {
            launch(i);
        }
        for (int i = 0; i < processes.length; i++) {
            awaitReady(i);
        }
    }

    /** Starts node {@code index} (again) from its data directory and waits until it serves. */
    void start(int index) {
        launch(index);
        awaitReady(index);
    }

    /** Like {@link #start(int)}, with options added to this node's command line from now on. */
    void start(int index, List<String> args) {
        extraArgs.set(index, List.copyOf(args));
        start(index);
    }

    /** Deletes node {@code index}'s data directory (a lost disk); the node must be stopped. */
    void wipe(int index) {
        if (processes[index] != null && processes[index].isAlive()) {
            throw new IllegalStateException("node " + ids.get(index) + " is running");
        }
        Path dir = dataDir(index);
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }

    Path dataDir(int index) {
        return workDir.resolve(ids.get(index));
    }

    private void launch(int index) {
        if (processes[index] != null && processes[index].isAlive()) {
            throw new IllegalStateException("node " + ids.get(index) + " is already running");
        }
        starts[index]++;
        List<String> cmd = new ArrayList<>(List.of(launcher().toString(), "node", "--cluster", cluster, "--node-id", ids.get(index),
                "--listen", address(index), "--data-dir", workDir.resolve(ids.get(index)).toString()));
        // Options come in pairs (--name value); a node's own options replace the cluster-wide ones of the same name.
        List<String> own = extraArgs.get(index);
        boolean joins = own.contains("--seeds") || own.contains("--zk") || nodeArgs.contains("--zk");
        if (!joins) {
            cmd.addAll(List.of("--members", members()));
        }
        for (int i = 0; i + 1 < nodeArgs.size(); i += 2) {
            if (!own.contains(nodeArgs.get(i))) {
                cmd.add(nodeArgs.get(i));
                cmd.add(nodeArgs.get(i + 1));
            }
        }
        cmd.addAll(own);
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(index).toFile()));
            pb.environment().put("DYNAMO_NO_BUILD", "1");
            pb.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
            processes[index] = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    private void awaitReady(int index) {
        String marker = "node " + ids.get(index) + " ready on";
        Awaitility.await("node " + ids.get(index) + " ready (log " + log(index) + ")")
                .atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (readyCount(index, marker) >= starts[index]) {
                        return true;
                    }
                    if (!processes[index].isAlive()) {
                        throw new IllegalStateException("node " + ids.get(index) + " exited with " + processes[index].exitValue()
                                + " before it was ready; see " + log(index));
                    }
                    return false;
                });
    }

    private int readyCount(int index, String marker) {
        try {
            if (!Files.exists(log(index))) {
                return 0;
            }
            int count = 0;
            for (String line : Files.readAllLines(log(index), StandardCharsets.UTF_8)) {
                if (line.contains(marker)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            return 0;
        }
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill(int index) {
        stop(index, true);
    }

    /** SIGTERM: the node shuts down cleanly. */
    void terminate(int index) {
        stop(index, false);
    }

    private void stop(int index, boolean force) {
        Process p = processes[index];
        if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log(int index) {
        return workDir.resolve(ids.get(index) + ".log");
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One free port per host. Every probe socket stays bound until all are chosen: closed one by
     * one, the OS may hand the same ephemeral port out twice.
     */
    private static List<Integer> freePorts(List<String> hosts) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            List<Integer> out = new ArrayList<>();
            for (String host : hosts) {
                ServerSocket s = new ServerSocket();
                probes.add(s);
                s.bind(new InetSocketAddress(host, 0));
                out.add(s.getLocalPort());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : probes) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a probe that does not close is of no consequence
                }
            }
        }
    }
}
