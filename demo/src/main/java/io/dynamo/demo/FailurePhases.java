package io.dynamo.demo;

import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.admin.AdminClient;
import io.dynamo.cli.ProgressBar;
import io.dynamo.protocol.DynamoException;
import io.dynamo.transport.TransportException;
import io.dynamo.ring.Member;
import java.time.Duration;

/** A node killed and brought back (sloppy quorum and hinted handoff, §4.6); a node's disk lost and rebuilt by anti-entropy (§4.7). */
final class FailurePhases {
    private static final Duration HINTS_PATIENCE = Duration.ofSeconds(60);
    private static final Duration REPAIR_PATIENCE = Duration.ofSeconds(120);

    private FailurePhases() {
    }

    /** kill -9 of node {@code i} while the carts fill, then its restart: hints rise, then drain to 0. */
    static void killAndRevive(Stage stage, int i) throws InterruptedException {
        String id = stage.nodes().id(i);
        stage.say("== kill -9 " + id + ": writes meant for it go to the next nodes of the ring (sloppy quorum), with a hint for " + id);
        stage.nodes().kill(i);
        boolean hinted = ClusterProbe.await(() -> stage.figures().hintsPending() > 0, Duration.ofSeconds(20));
        Thread.sleep(3000); // a few seconds of writes with the node down, for the figures to show
        long pending = stage.probe().hintsPending();
        stage.say("   " + id + " down: " + (hinted ? pending + " hints pending on the other nodes" : "no hint yet (no write fell to it)"));
        stage.screen().endPhase();

        stage.say("== " + id + " restarted from its data directory: hinted handoff delivers what it missed");
        long started = System.nanoTime();
        stage.nodes().start(i);
        boolean drained = ClusterProbe.await(() -> stage.probe().hintsPending() == 0, HINTS_PATIENCE);
        stage.say(String.format("   %s back: %s in %.1f s", id, drained ? "every hint delivered, 0 pending"
                : stage.probe().hintsPending() + " hints still pending", seconds(started)));
        stage.screen().endPhase();
    }

    /** Node {@code i} stopped, its data directory deleted, restarted empty, and rebuilt by a full anti-entropy exchange. */
    static void wipeAndRepair(Stage stage, int i) throws InterruptedException {
        String id = stage.nodes().id(i);
        stage.say("== " + id + " loses its disk: stopped, data directory deleted, restarted empty");
        stage.nodes().terminate(i);
        stage.nodes().wipe(i);
        stage.nodes().start(i);
        stage.say("== anti-entropy: " + id + " compares Merkle trees with the other replicas of each of its partitions and fetches what differs");
        Member member = stage.member(i);
        AdminClient admin = stage.probe().admin();
        long started = System.nanoTime();
        RepairProgress p = startRepair(admin, member, started);
        long lastLine = System.nanoTime();
        while (!p.done() && System.nanoTime() - started < REPAIR_PATIENCE.toNanos()) {
            Thread.sleep(300);
            try {
                p = admin.repairStatus(member, p.job());
            } catch (DynamoException | TransportException slow) {
                continue; // a node busy rebuilding may miss one status request: ask again
            }
            if (System.nanoTime() - lastLine > 2_000_000_000L) {
                stage.say("   repair " + ProgressBar.render(p.partitionsDone(), p.partitionsTotal()) + " partitions, " + p.keysReceived()
                        + " keys received");
                lastLine = System.nanoTime();
            }
        }
        stage.figures().repaired(p.keysReceived() + p.keysSent());
        stage.say(String.format("   %s rebuilt: %d partitions compared, %d keys and %d bytes moved to it, %d keys from it, in %.1f s%s", id,
                p.partitionsDone(), p.keysReceived(), p.bytesReceived(), p.keysSent(), seconds(started),
                p.done() ? (p.errors().isEmpty() ? "" : "; errors: " + p.errors()) : "; not finished within " + REPAIR_PATIENCE.toSeconds() + " s"));
        stage.screen().endPhase();
    }

    /** The repair's start, asked again while the restarted node is too busy to answer in time. */
    private static RepairProgress startRepair(AdminClient admin, Member member, long started) throws InterruptedException {
        while (true) {
            try {
                return admin.startRepair(member, "");
            } catch (DynamoException | TransportException slow) {
                if (System.nanoTime() - started > REPAIR_PATIENCE.toNanos()) {
                    throw slow;
                }
                Thread.sleep(500);
            }
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
