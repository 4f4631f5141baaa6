package io.dynamo.it;

import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.LocalCluster;
import io.dynamo.launcher.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code bin/dynamo} script of this checkout: node clusters started through it, and its client commands run. */
final class BinDynamo {
    /** Small, quickly started JVMs: the tests run several at once on a small machine. */
    static final String NODE_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final String CLI_JAVA_OPTS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);

    private BinDynamo() {
    }

    static Path script() {
        return Path.of(System.getProperty("dynamo.home", "..")).toAbsolutePath().normalize().resolve("bin/dynamo");
    }

    /** A cluster of {@code layout}'s nodes started through {@code bin/dynamo node}, data and logs under {@code workDir}. */
    static LocalCluster.Builder cluster(ClusterLayout layout, Path workDir) {
        return LocalCluster.builder(layout, NodeRuntime.script(script(), NODE_JAVA_OPTS), workDir).readyTimeout(READY_TIMEOUT);
    }

    /** Runs {@code bin/dynamo ARGS} (log level warn); returns its exit code, a newline, then what it printed. */
    static String run(String... args) throws IOException, InterruptedException {
        Finished f = run(CLI_TIMEOUT, args);
        return f.exit() + "\n" + f.output();
    }

    /** What a {@code bin/dynamo} run printed (standard output and error), its exit code and its process id. */
    record Finished(int exit, String output, long pid) {}

    /** Runs {@code bin/dynamo ARGS} (log level warn), failing when it takes longer than {@code timeout}. */
    static Finished run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        Path output = Files.createTempFile("dynamo-cli", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("DYNAMO_NO_BUILD", "1");
        pb.environment().put("DYNAMO_LOG_LEVEL", "warn");
        pb.environment().put("JAVA_OPTS", CLI_JAVA_OPTS);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("bin/dynamo " + String.join(" ", args) + " did not finish within " + timeout.toSeconds()
                        + " s; output:\n" + Files.readString(output));
            }
            return new Finished(p.exitValue(), Files.readString(output), p.pid());
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
