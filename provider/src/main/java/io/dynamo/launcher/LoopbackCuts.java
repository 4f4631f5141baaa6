package io.dynamo.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts and heals the network between chosen nodes of a local cluster for real, with iptables. Each
 * node listens on its own loopback address and opens its outgoing connections from it (DESIGN
 * decision 10), so a DROP rule on the OUTPUT chain for {@code -s A -d B} and one for
 * {@code -s B -d A} cut exactly the link between A and B, both ways: packets vanish as in a real
 * partition (no reset, no refusal), and every other link is untouched. Rules carry a comment
 * unique to this injector; {@link #close()} deletes every rule carrying it, whatever happened
 * before (a failure, a shutdown hook on Ctrl-C), so nothing outlives the demo or test.
 *
 * <p>Needs root and iptables; {@link #unavailableReason()} says why not.
 */
public final class LoopbackCuts implements AutoCloseable {
    /** Root's PATH may lack /usr/sbin when the JVM was started from elsewhere. */
    private static final String IPTABLES = Files.isExecutable(Path.of("/usr/sbin/iptables")) ? "/usr/sbin/iptables" : "iptables";

    private final String tag;

    /** Rules tagged {@code tag}: unique to this injector, e.g. with the process id in it. */
    public LoopbackCuts(String tag) {
        this.tag = tag;
    }

    /** Empty when cuts can be made here; else why not. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network faults need root (iptables); running as " + System.getProperty("user.name");
        }
        try {
            Result r = run(List.of(IPTABLES, "-w", "-S", "OUTPUT"));
            return r.exit == 0 ? "" : "iptables does not work here: " + r.output;
        } catch (IOException e) {
            return "iptables is not installed: " + e.getMessage();
        }
    }

    /** Drops every packet between {@code a} and {@code b} (addresses), both ways. */
    public void cut(String a, String b) {
        rule("-I", a, b);
        rule("-I", b, a);
    }

    /** Lets packets between {@code a} and {@code b} through again. */
    public void heal(String a, String b) {
        rule("-D", a, b);
        rule("-D", b, a);
    }

    /** Deletes every rule this injector added. */
    public void healAll() {
        for (String line : rulesListed()) {
            if (line.startsWith("-A OUTPUT") && line.contains(tag)) {
                List<String> delete = new ArrayList<>(List.of(IPTABLES, "-w", "-D"));
                // "-A OUTPUT -s ... -m comment --comment TAG -j DROP": the same words after -D delete it.
                for (String word : line.substring(3).trim().split("\\s+")) {
                    delete.add(word.replace("\"", ""));
                }
                try {
                    run(delete);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot delete the iptables rule " + line, e);
                }
            }
        }
    }

    /** How many rules of this injector are in place. */
    public int rules() {
        int count = 0;
        for (String line : rulesListed()) {
            if (line.contains(tag)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        healAll();
    }

    private List<String> rulesListed() {
        try {
            return List.of(run(List.of(IPTABLES, "-w", "-S", "OUTPUT")).output.split("\n"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list iptables rules to find those tagged " + tag, e);
        }
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
