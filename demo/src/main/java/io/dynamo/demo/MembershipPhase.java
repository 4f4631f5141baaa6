package io.dynamo.demo;

import io.dynamo.admin.AdminClient;
import io.dynamo.cli.ProgressBar;
import io.dynamo.protocol.DynamoException;
import io.dynamo.transport.TransportException;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import java.time.Duration;

/**
 * A node joined and one removed while the carts fill (§4.9): the planner moves as few partitions as
 * possible, streams each to its new replicas, and flips its ownership once the data arrived.
 */
final class MembershipPhase {
    private static final Duration CHANGE_PATIENCE = Duration.ofSeconds(120);
    private static final Duration GOSSIP_PATIENCE = Duration.ofSeconds(30);

    private MembershipPhase() {
    }

    /** Starts node {@code i} (known to ZooKeeper's seeds only as a way in) and gives it its share. */
    static void join(Stage stage, int i) throws InterruptedException {
        String member = stage.nodes().layout().node(i).member();
        stage.say("== " + stage.nodes().id(i) + " starts and joins the cluster through ZooKeeper's seeds; admin join gives it its share");
        stage.nodes().start(i);
        change(stage, true, member);
    }

    /** Hands node {@code i}'s partitions to the others, then stops it. */
    static void leave(Stage stage, int i) throws InterruptedException {
        String id = stage.nodes().id(i);
        stage.say("== " + id + " leaves: its partitions are handed to the others, then it stops");
        change(stage, false, id);
        stage.nodes().terminate(i);
    }

    private static void change(Stage stage, boolean join, String member) throws InterruptedException {
        AdminClient admin = stage.probe().admin();
        long started = System.nanoTime();
        ChangeProgress p = start(admin, join, member);
        stage.say("   plan: " + p.description());
        long lastLine = System.nanoTime();
        while (p.running() && System.nanoTime() - started < CHANGE_PATIENCE.toNanos()) {
            Thread.sleep(300);
            try {
                p = admin.changeStatus();
            } catch (DynamoException | TransportException slow) {
                continue; // the planner is busy streaming: ask again
            }
            if (System.nanoTime() - lastLine > 2_000_000_000L) {
                stage.say("   " + (join ? "join " : "leave ") + ProgressBar.render(p.moved(), p.total()) + " partitions, " + p.keys() + " keys moved");
                lastLine = System.nanoTime();
            }
        }
        String outcome = p.running() ? "still running after " + CHANGE_PATIENCE.toSeconds() + " s"
                : p.error().isEmpty() ? "done" : "stopped: " + p.error();
        stage.say(String.format("   %s: %d of %d partitions moved, %d keys and %d bytes streamed, %.1f s", outcome, p.moved(), p.total(),
                p.keys(), p.bytes(), FailurePhases.seconds(started)));
        stage.screen().endPhase();
    }

    /** A node just started is gossiped as joining within a moment: until then the planner refuses it. */
    private static ChangeProgress start(AdminClient admin, boolean join, String member) throws InterruptedException {
        long deadline = System.nanoTime() + GOSSIP_PATIENCE.toNanos();
        while (true) {
            try {
                return admin.change(join, member);
            } catch (DynamoException | TransportException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(500);
            }
        }
    }
}
