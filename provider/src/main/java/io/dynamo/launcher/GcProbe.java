package io.dynamo.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether a JVM has the Shenandoah collector. OpenJDK builds from Debian, Red Hat and Adoptium have
 * it, Oracle's do not, and the flag exists in both (a JVM without the collector refuses it at
 * start), so the only sure answer is to start that JVM with it once: about a tenth of a second,
 * remembered per binary.
 */
final class GcProbe {
    private static final long PROBE_SECONDS = 20;
    private static final Map<Path, Boolean> KNOWN = new ConcurrentHashMap<>();

    private GcProbe() {
    }

    static boolean hasShenandoah(Path java) {
        return KNOWN.computeIfAbsent(java, GcProbe::probe);
    }

    private static boolean probe(Path java) {
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-XX:+UseShenandoahGC", "-version"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
