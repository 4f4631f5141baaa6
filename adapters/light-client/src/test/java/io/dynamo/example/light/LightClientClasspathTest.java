package io.dynamo.example.light;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's light client: an application whose only dependency is {@code dynamo-provider} pulls
 * at most 10 MB of jars, and runs on exactly those, embedded (memory engine) and as a client of a
 * node started by {@code bin/dynamo}.
 */
class LightClientClasspathTest {
    private static final long LIMIT_BYTES = 10L * 1024 * 1024;
    /** What only a node's launcher needs: the durable engine, the CLI, certificate making, ZooKeeper server extras. */
    private static final List<String> NODE_ONLY = List.of("rocksdbjni", "picocli", "bcprov", "bcpkix", "bcutil",
            "guava", "snappy-java", "metrics-core", "commons-io", "netty-tcnative-boringssl-static");

    @Test
    void theProviderPullsAtMostTenMegabytesAndNothingOnlyANodeNeeds() {
        List<Path> entries = runtimeClasspath();
        long total = 0;
        StringBuilder table = new StringBuilder("light client run-time class path:\n");
        List<Path> bySize = new ArrayList<>(entries);
        bySize.sort(Comparator.comparingLong(LightClientClasspathTest::size).reversed());
        for (Path entry : bySize) {
            long size = size(entry);
            total += size;
            table.append(String.format("  %,12d  %s%n", size, entry.getFileName()));
        }
        table.append(String.format("  %,12d  in all (%d entries; limit %,d)%n", total, entries.size(), LIMIT_BYTES));
        System.out.print(table);

        assertThat(total).as("bytes on the class path of an application with only dynamo-provider").isLessThanOrEqualTo(LIMIT_BYTES);
        assertThat(entries).extracting(p -> p.getFileName().toString())
                .noneMatch(name -> NODE_ONLY.stream().anyMatch(name::startsWith));
    }

    @Test
    void anEmbeddedNodeRunsOnThatClassPath() throws Exception {
        Run run = runApp("dynamo:embedded");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("light client ok: dynamo:embedded");
    }

    @Test
    void aClientOfARunningNodeRunsOnThatClassPath() throws Exception {
        int port = freePort();
        Path home = Path.of(System.getProperty("dynamo.home"));
        Path log = Files.createTempFile("light-node", ".log");
        Path data = Files.createTempDirectory("light-node");
        Process node = new ProcessBuilder(home.resolve("bin/dynamo").toString(), "node", "--cluster", "light",
                "--node-id", "n1", "--listen", "127.0.0.1:" + port, "--members", "n1@127.0.0.1:" + port,
                "--engine", "memory", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitListening(port, node, log);
            String uri = "dynamo://127.0.0.1:" + port + "?replicas=1&read-quorum=1&write-quorum=1&timeout=10s";
            Run run = runApp(uri);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("light client ok: " + uri);
        } finally {
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
            try (Stream<Path> left = Files.walk(data)) {
                left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(int exit, String output) {}

    private static Run runApp(String uri) throws Exception {
        String classpath = System.getProperty("light.app.classes") + File.pathSeparator
                + String.join(File.pathSeparator, runtimeClasspath().stream().map(Path::toString).toList());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(java, "-cp", classpath, LightClientApp.class.getName(), uri)
                .redirectErrorStream(true).start();
        byte[] out;
        try {
            if (!app.waitFor(120, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the light client application did not finish within 120 s");
            }
            out = app.getInputStream().readAllBytes();
        } finally {
            app.destroyForcibly();
        }
        return new Run(app.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<Path> runtimeClasspath() {
        try {
            String text = Files.readString(Path.of(System.getProperty("light.classpath.file"))).trim();
            return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar's size, or a directory's (the reactor gives the provider's classes when not packaged). */
    private static long size(Path entry) {
        if (!Files.isDirectory(entry)) {
            return entry.toFile().length();
        }
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process node, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("the node exited early:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new AssertionError("the node did not listen on port " + port + " within 90 s:\n" + Files.readString(log));
    }
}
