package io.dynamo.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options a node runs with, on top of those given (bin/dynamo applies the same rules to
 * {@code dynamo node} in shell). The heap is sized up front: with {@code -Xms} at 1/64 of memory,
 * a node under load ran a young collection every few seconds while the heap grew. The collector is
 * G1 unless one is named: measured against generational ZGC on JDK 25 (README, Performance), G1
 * gave the higher throughput on two cores and the p99.9 within noise. GC logs go to the node's log
 * directory, one file per process ({@code %p}), rotated.
 */
public final class NodeJvm {
    /** The heap when none is given. */
    public static final String DEFAULT_HEAP = "1g";

    private NodeJvm() {
    }

    /** {@code given} completed: {@code -Xmx} (default {@value #DEFAULT_HEAP}), {@code -Xms} equal to it, G1, and a GC log in {@code logDir}. */
    public static List<String> options(List<String> given, Optional<Path> logDir) {
        List<String> options = new ArrayList<>(given);
        String max = last(given, "-Xmx").orElse(null);
        if (max == null) {
            max = DEFAULT_HEAP;
            options.add("-Xmx" + max);
        }
        if (last(given, "-Xms").isEmpty()) {
            options.add("-Xms" + max);
        }
        if (given.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            options.add("-XX:+UseG1GC");
        }
        if (given.stream().noneMatch(o -> o.startsWith("-Xlog:gc"))) {
            logDir.ifPresent(dir -> options.add("-Xlog:gc*:file=" + dir.resolve("gc-%p.log") + ":time,uptime,level,tags:filecount=3,filesize=10m"));
        }
        return options;
    }

    private static Optional<String> last(List<String> options, String prefix) {
        String found = null;
        for (String o : options) {
            if (o.startsWith(prefix) && o.length() > prefix.length()) {
                found = o.substring(prefix.length());
            }
        }
        return Optional.ofNullable(found);
    }
}
