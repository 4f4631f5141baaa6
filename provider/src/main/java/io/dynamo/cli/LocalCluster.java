package io.dynamo.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Node processes on loopback, each its own JVM running {@code dynamo node} with this JVM's class
 * path: what the demo runs. Every process it starts is stopped by {@link #close()}.
 */
public final class LocalCluster implements AutoCloseable {
    private final String cluster;
    private final Path baseDir;
    private final List<String> ids = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Process[] processes;

    public LocalCluster(String cluster, int size, Path baseDir) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        for (int i = 1; i <= size; i++) {
            ids.add("n" + i);
        }
        ports.addAll(freePorts(size));
        this.processes = new Process[size];
    }

    public String members() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(ids.get(i) + "@127.0.0.1:" + ports.get(i));
        }
        return String.join(",", out);
    }

    public String seeds() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public String id(int index) {
        return ids.get(index);
    }

    public void startAll() {
        for (int i = 0; i < processes.length; i++) {
            start(i);
        }
    }

    /** Starts node {@code index} and waits (bounded) until it says it is ready. */
    public void start(int index) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                DynamoCli.class.getName(), "node", "--cluster", cluster, "--node-id", ids.get(index),
                "--listen", "127.0.0.1:" + ports.get(index), "--members", members(),
                "--data-dir", baseDir.resolve(ids.get(index)).toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            processes[index] = p;
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.contains("ready on")) {
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    return false;
                }
            });
            if (!ready.get(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + ids.get(index) + " exited before it was ready");
            }
            // Keep draining its output so the pipe never fills and blocks the node.
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain-" + ids.get(index));
            drain.setDaemon(true);
            drain.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start node " + ids.get(index) + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL: the node gets no chance to flush or say goodbye. */
    public void kill(int index) throws InterruptedException {
        Process p = processes[index];
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + ids.get(index) + " survived SIGKILL");
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            try {
                if (p != null && !p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(baseDir);
    }

    /** Distinct free ports: every probe stays bound until all are chosen, or the OS may repeat one. */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                probes.add(s);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
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

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp directory left behind is not worth failing the run for.
        }
    }
}
