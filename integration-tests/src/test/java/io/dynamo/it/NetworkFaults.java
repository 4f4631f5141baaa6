package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Cuts and heals the network between chosen nodes for real, with iptables. Each node listens on
 * its own loopback address and opens its outgoing connections from it (DESIGN decision 10), so a
 * DROP rule on the OUTPUT chain for {@code -s A -d B} and one for {@code -s B -d A} cut exactly
 * the link between A and B, both ways: packets vanish as in a real partition (no reset, no
 * refusal), and every other link is untouched. Rules carry a comment unique to this injector;
 * {@link #close()} deletes every rule carrying it, whatever happened before (also after a
 * failure), so nothing outlives the test.
 *
 * <p>Needs root and iptables ({@code .ci/run} installs it); {@link #unavailableReason()} says why
 * not, for a test to skip with.
 */
final class NetworkFaults implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Root's PATH may lack /usr/sbin when the JVM was started from elsewhere. */
    private static final String IPTABLES = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/iptables"))
            ? "/usr/sbin/iptables" : "iptables";

    private final String tag = "dynamo-it-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();

    /** Empty when faults can be injected here; else why not. */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network faults need root (iptables); running as " + System.getProperty("user.name");
        }
        try {
            Result r = run(List.of(IPTABLES, "-w", "-S", "OUTPUT"));
            return r.exit == 0 ? "" : "iptables does not work here: " + r.output;
        } catch (IOException e) {
            return "iptables is not installed (.ci/run installs it): " + e.getMessage();
        }
    }

    /** A new injector, or the calling test skipped (a failed assumption) where faults cannot be injected here. */
    static NetworkFaults openOrSkip() {
        String unavailable = unavailableReason();
        Assumptions.assumeTrue(unavailable.isEmpty(), unavailable);
        return new NetworkFaults();
    }

    /** For a test's clean-up: heals every link {@code faults} cut and checks no rule is left; nothing when never opened. */
    static void closeAndCheck(NetworkFaults faults) {
        if (faults != null) {
            faults.close();
            assertThat(faults.rules()).as("iptables rules left behind").isZero();
        }
    }

    /** Drops every packet between {@code a} and {@code b} (addresses), both ways. */
    void cut(String a, String b) {
        rule("-I", a, b);
        rule("-I", b, a);
    }

    /** Lets packets between {@code a} and {@code b} through again. */
    void heal(String a, String b) {
        rule("-D", a, b);
        rule("-D", b, a);
    }

    /** Deletes every rule this injector added. */
    void healAll() {
        try {
            for (String line : run(List.of(IPTABLES, "-w", "-S", "OUTPUT")).output.split("\n")) {
                if (line.startsWith("-A OUTPUT") && line.contains(tag)) {
                    List<String> delete = new ArrayList<>(List.of(IPTABLES, "-w", "-D"));
                    // "-A OUTPUT -s ... -m comment --comment TAG -j DROP": the same words after -D delete it.
                    for (String word : line.substring(3).trim().split("\\s+")) {
                        delete.add(word.replace("\"", ""));
                    }
                    run(delete);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list iptables rules to remove those tagged " + tag, e);
        }
    }

    /** How many rules of this injector are in place. */
    int rules() {
        try {
            int count = 0;
            for (String line : run(List.of(IPTABLES, "-w", "-S", "OUTPUT")).output.split("\n")) {
                if (line.contains(tag)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        healAll();
    }

    private void rule(String action, String from, String to) {
        List<String> cmd = List.of(IPTABLES, "-w", action, "OUTPUT", "-s", from + "/32", "-d", to + "/32",
                "-m", "comment", "--comment", tag, "-j", "DROP");
        try {
            Result r = run(cmd);
            if (r.exit != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run iptables", e);
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
        return new Result(p.exitValue(), out);
    }
}
