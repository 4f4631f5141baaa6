package io.dynamo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** An embedded ZooKeeper server in its own JVM, started through {@code bin/dynamo zk}; {@link #close()} kills it. */
final class ZooKeeperProcess implements AutoCloseable {
    private final int port;
    private final Path log;
    private final Process process;

    private ZooKeeperProcess(Path workDir) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        log = workDir.resolve("zookeeper.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(BinDynamo.script().toString(), "zk", "--port", Integer.toString(port),
                "--data-dir", workDir.resolve("zk-data").toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DYNAMO_NO_BUILD", "1");
        pb.environment().put("JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        process = pb.start();
    }

    static ZooKeeperProcess start(Path workDir) {
        try {
            ZooKeeperProcess zk = new ZooKeeperProcess(workDir);
            Awaitility.await("zookeeper ready (log " + zk.log + ")").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!zk.process.isAlive()) {
                            throw new IllegalStateException("zookeeper exited with " + zk.process.exitValue() + "; see " + zk.log);
                        }
                        return Files.exists(zk.log) && Files.readString(zk.log, StandardCharsets.UTF_8).contains("zookeeper ready on");
                    });
            return zk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for Curator and {@code --zk}. */
    String connectString() {
        return "127.0.0.1:" + port;
    }

    /** SIGKILL: ZooKeeper gone without a goodbye. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
