package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.launcher.LoopbackCuts;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Cuts and heals the network between chosen nodes for real, with iptables ({@link LoopbackCuts},
 * which the demo uses too): DROP rules on OUTPUT between the nodes' own loopback addresses, each
 * tagged for this injector, all deleted by {@link #close()} whatever happened before, so nothing
 * outlives the test. Needs root and iptables ({@code .ci/run} installs it); a test skips without.
 */
final class NetworkFaults implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final LoopbackCuts cuts = new LoopbackCuts("dynamo-it-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());

    /** Empty when faults can be injected here; else why not. */
    static String unavailableReason() {
        return LoopbackCuts.unavailableReason();
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
        cuts.cut(a, b);
    }

    /** Lets packets between {@code a} and {@code b} through again. */
    void heal(String a, String b) {
        cuts.heal(a, b);
    }

    /** Deletes every rule this injector added. */
    void healAll() {
        cuts.healAll();
    }

    /** How many rules of this injector are in place. */
    int rules() {
        return cuts.rules();
    }

    @Override
    public void close() {
        cuts.close();
    }
}
