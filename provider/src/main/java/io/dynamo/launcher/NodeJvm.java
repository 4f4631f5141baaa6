package io.dynamo.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options a node runs with, on top of those given (bin/dynamo applies the same rules to
 * {@code dynamo node} in shell). The heap is sized up front: with {@code -Xms} at 1/64 of memory,
 * a node under load ran a young collection every few seconds while the heap grew. The collector is
 * Shenandoah when the JVM has it, else G1, unless one is named: on two cores, three alternated
 * rounds with warm nodes (README, Performance) gave Shenandoah 10,474 ops/s and p99.9 6.8 ms
 * against G1's 8,977 and 11.2 ms (medians), G1's young pauses there lasting 22-47 ms as its
 * parallel threads wait for cores the other JVMs hold, Shenandoah's under 5 ms; JDK 17's ZGC
 * 10,623 and 11.0 ms. Less inlining of compiled code ({@link #DEFAULT_INLINE_SMALL_CODE}) unless
 * {@code -XX:InlineSmallCode} is given. GC logs go to the node's log directory, one file per process ({@code %p}), rotated.
 */
public final class NodeJvm {
    /** The heap when none is given. */
    public static final String DEFAULT_HEAP = "1g";
    private static final String INLINE_SMALL_CODE = "-XX:InlineSmallCode=";
    /**
     * C2 inlines an already compiled callee only below this many bytes of its code (JDK 17's
     * default is 2500 on x86). At the default C2 compiled the write path inlined whole, methods of
     * up to 100 KB, and on two cores the nodes' compilers held a third of the machine for the
     * first ~100 s of load; at 1000 their work fell a quarter, the throughput after a 60 s
     * warm-up rose 1.17x (medians of 3 alternated rounds: 9,061 against 7,767 ops/s) and after 150 s
     * it was the same (10,155 against 10,466, 2 rounds). README, Performance.
     */
    static final int DEFAULT_INLINE_SMALL_CODE = 1000;

    private NodeJvm() {
    }

    /** {@link #options(List, Optional, boolean)} with Shenandoah when {@code java} (the nodes' JVM) has it. */
    public static List<String> options(List<String> given, Optional<Path> logDir, Path java) {
        return options(given, logDir, !namesCollector(given) && GcProbe.hasShenandoah(java)); // no probe when one is named
    }

    /**
     * {@code given} completed: {@code -Xmx} (default {@value #DEFAULT_HEAP}), {@code -Xms} equal to
     * it, Shenandoah ({@code shenandoah}) or G1 unless a collector is named, {@code -XX:InlineSmallCode}
     * unless given, and a GC log in {@code logDir}.
     */
    public static List<String> options(List<String> given, Optional<Path> logDir, boolean shenandoah) {
        List<String> options = new ArrayList<>(given);
        String max = last(given, "-Xmx").orElse(null);
        if (max == null) {
            max = DEFAULT_HEAP;
            options.add("-Xmx" + max);
        }
        if (last(given, "-Xms").isEmpty()) {
            options.add("-Xms" + max);
        }
        if (!namesCollector(given)) {
            options.add(shenandoah ? "-XX:+UseShenandoahGC" : "-XX:+UseG1GC");
        }
        if (last(given, INLINE_SMALL_CODE).isEmpty()) {
            options.add(INLINE_SMALL_CODE + DEFAULT_INLINE_SMALL_CODE);
        }
        if (given.stream().noneMatch(o -> o.startsWith("-Xlog:gc"))) {
            logDir.ifPresent(dir -> options.add("-Xlog:gc*:file=" + dir.resolve("gc-%p.log") + ":time,uptime,level,tags:filecount=3,filesize=10m"));
        }
        return options;
    }

    private static boolean namesCollector(List<String> given) {
        return given.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
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
