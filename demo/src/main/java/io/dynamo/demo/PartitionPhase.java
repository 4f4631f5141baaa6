package io.dynamo.demo;

import io.dynamo.cart.CartStore;
import io.dynamo.cart.ShoppingCart;
import io.dynamo.launcher.LoopbackCuts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;

/**
 * A network partition (§4.6): the running nodes cut in two, a cart store on each side adding to the
 * same carts, each side's writes accepted by its own nodes (sloppy quorum); after the heal the
 * carts merge and both sides read every add of both.
 */
final class PartitionPhase {
    private static final String[] CARTS = {"cart-split-a", "cart-split-b"};
    private static final Duration WRITING = Duration.ofSeconds(10);
    private static final Duration MERGE_PATIENCE = Duration.ofSeconds(60);

    private PartitionPhase() {
    }

    /** {@code left} and {@code right}: node indexes of the two sides (all running). */
    static void run(Stage stage, LoopbackCuts cuts, List<Integer> left, List<Integer> right) throws Exception {
        stage.say("== network partition: " + ids(stage, left) + " | " + ids(stage, right) + ", a cart store on each side");
        // The larger side writes with W=2; the smaller one, which may hold a single replica of a cart, with R=W=1 (§4.6:
        // an application that wants writes always accepted trades durability for it).
        CartStore west = store(stage, left, 2);
        CartStore east = store(stage, right, 1);
        for (int a : left) {
            for (int b : right) {
                cuts.cut(stage.nodes().host(a), stage.nodes().host(b));
            }
        }
        Ledger westAdds = new Ledger();
        Ledger eastAdds = new Ledger();
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> write(west, "west", stage.ledger(), westAdds));
        CompletableFuture<Void> e = CompletableFuture.runAsync(() -> write(east, "east", stage.ledger(), eastAdds));
        CompletableFuture.allOf(w, e).get(WRITING.toSeconds() + 30, TimeUnit.SECONDS);
        stage.say("   written during the cut: " + westAdds.size() + " adds on the " + ids(stage, left) + " side, " + eastAdds.size()
                + " on the " + ids(stage, right) + " side");
        cuts.healAll();
        stage.say("== healed: the sides' versions of each cart are siblings, merged on read");
        long healed = System.nanoTime();
        boolean merged = ClusterProbe.await(() -> converged(westAdds, eastAdds, west, east), MERGE_PATIENCE);
        ShoppingCart cart = west.view(CARTS[0]);
        stage.say(String.format("   %s: %s, %d lines in %s, %.1f s after the heal", merged ? "each side reads every add of both" : "NOT merged",
                merged ? "converged" : "diverged", cart.items().size(), CARTS[0], FailurePhases.seconds(healed)));
        stage.screen().endPhase();
    }

    private static CartStore store(Stage stage, List<Integer> side, int quorum) {
        List<String> seeds = new ArrayList<>();
        side.forEach(i -> seeds.add(stage.nodes().address(i)));
        // Its connections leave from its side's first node's address, so the cut applies to it too.
        return stage.clients().store(String.join(",", seeds), quorum, quorum, Optional.of(stage.nodes().host(side.get(0))));
    }

    /** Adds for {@link #WRITING} to both carts; failures while the detectors catch up are retried by the next add. */
    private static void write(CartStore store, String side, Ledger all, Ledger mine) {
        long end = System.nanoTime() + WRITING.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            String cart = CARTS[i % CARTS.length];
            String sku = side + "-" + i;
            try {
                store.add(cart, sku, 1);
                all.acknowledged(cart, sku);
                mine.acknowledged(cart, sku);
            } catch (CacheException e) {
                // not acknowledged; the next add tries again
            }
        }
    }

    /** Each side reads every add of the other; a read that fails (gossip still catching up) is a no for now. */
    private static boolean converged(Ledger westAdds, Ledger eastAdds, CartStore west, CartStore east) {
        try {
            return westAdds.lost(east) == 0 && eastAdds.lost(west) == 0;
        } catch (CacheException notYet) {
            return false;
        }
    }

    private static String ids(Stage stage, List<Integer> side) {
        List<String> out = new ArrayList<>();
        side.forEach(i -> out.add(stage.nodes().id(i)));
        return String.join(",", out);
    }
}
