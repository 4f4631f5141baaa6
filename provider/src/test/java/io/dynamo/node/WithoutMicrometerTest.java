package io.dynamo.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is an optional dependency: a node without a metrics port runs, and shuts down, on a
 * class path without it (an application's embedded node, a light client's JVM).
 */
class WithoutMicrometerTest {
    @TempDir
    Path dir;

    @Test
    void aNodeWithoutMetricsStartsAndStopsCleanlyWithoutMicrometerOnTheClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer") && !entry.contains("prometheus")).collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("micrometer");
        int port = freePort();
        Path log = dir.resolve("node.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "io.dynamo.cli.DynamoCli", "node", "--cluster", "light", "--node-id", "n1", "--listen", "127.0.0.1:" + port,
                "--members", "n1@127.0.0.1:" + port, "--data-dir", dir.resolve("data").toString(), "--engine", "memory");
        Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("node ready").atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("node n1 ready on") || !node.isAlive());
            node.destroy(); // SIGTERM: the clean shutdown closes everything the node opened
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(Files.readString(log)).contains("node n1 stopped").doesNotContain("NoClassDefFoundError", "Exception");
        } finally {
            node.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
