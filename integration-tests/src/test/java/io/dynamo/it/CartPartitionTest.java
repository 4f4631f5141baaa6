package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.cart.CartStore;
import io.dynamo.cart.ShoppingCart;
import io.dynamo.jcache.DynamoCachingProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paper's promise for its shopping cart (§4.4: "add to cart" is never lost), checked on three
 * node JVMs with {@link CartStore}s in two clients adding to the same carts at once, through a
 * network cut between the nodes and through a kill -9. Afterwards no acknowledged add is missing,
 * concurrent increments of one sku sum to at least the acknowledged count (an add whose call
 * failed may still have landed, never twice), and a line removed after its adds were seen does
 * not come back from a replica that missed the removal.
 */
class CartPartitionTest {
    private static final String[] CARTS = {"alice", "bob", "carol"};
    private static final int ROUNDS = 12;

    // Each node on its own loopback address, apart from other runs' addresses, so that links between them can be cut.
    private static final long PID = ProcessHandle.current().pid();
    private static final String NET = "127." + (20 + PID % 200) + "." + (PID / 200 % 250 + 1) + ".";

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).hosts(i -> NET + (31 + i)).startedByTest().freshPerTest().build();

    private NetworkFaults faults;
    private CachingProvider provider;

    @AfterEach
    void cleanUp() {
        try {
            if (provider != null) {
                provider.close();
            }
        } finally {
            NetworkFaults.closeAndCheck(faults);
        }
    }

    @Test
    void addsOnBothSidesOfACutBetweenNodesAllSurviveTheHealAndARemovalThatSawItsAddsHolds() throws Exception {
        faults = NetworkFaults.openOrSkip();
        cluster.startAll();
        // A client on each side of the cut, its connections leaving from its side's address (dynamo.local-address), so
        // the cut applies to it too: the majority's writes with W=2 through n1 and n2, the minority's through n3 alone, with W=1.
        CartStore majority = store(cluster.address(0) + "," + cluster.address(1), 2, cluster.host(0));
        CartStore minority = store(cluster.address(2), 1, cluster.host(2));
        seedRemovableLines(majority);

        faults.cut(cluster.host(2), cluster.host(0));
        faults.cut(cluster.host(2), cluster.host(1));
        Tally a = new Tally();
        Tally b = new Tally();
        CompletableFuture<Void> left = CompletableFuture.runAsync(() -> addAndRemove(majority, a, "from-majority", true));
        CompletableFuture<Void> right = CompletableFuture.runAsync(() -> addAndRemove(minority, b, "from-minority", false));
        CompletableFuture.allOf(left, right).get(5, TimeUnit.MINUTES);
        faults.healAll();

        assertConverged(List.of(majority, minority), a, b);
    }

    @Test
    void addsThroughTwoClientsWhileANodeIsKilledAndRestartedAreAllKept() throws Exception {
        cluster.startAll();
        CartStore first = store(cluster.seeds(), 2, cluster.host(0));
        CartStore second = store(cluster.address(2) + "," + cluster.address(1) + "," + cluster.address(0), 2, cluster.host(2));
        seedRemovableLines(first);

        Tally a = new Tally();
        Tally b = new Tally();
        CompletableFuture<Void> left = CompletableFuture.runAsync(() -> addAndRemove(first, a, "from-first", true));
        CompletableFuture<Void> right = CompletableFuture.runAsync(() -> addAndRemove(second, b, "from-second", false));
        await("both clients under way").atMost(Duration.ofSeconds(60)).until(() -> a.acknowledged.get() + b.acknowledged.get() >= 10);
        cluster.kill(1);
        CompletableFuture.allOf(left, right).get(5, TimeUnit.MINUTES);
        cluster.start(1);

        assertConverged(List.of(first, second), a, b);
    }

    /** Before any fault: a line per cart, seen by the client that will remove it. */
    private static void seedRemovableLines(CartStore store) {
        for (String cart : CARTS) {
            store.add(cart, "removed", 2);
        }
    }

    /**
     * Each round adds one "shared" to every cart and one of the client's own sku; the first round of
     * {@code removes} removes the seeded line, which that client has seen.
     */
    private static void addAndRemove(CartStore store, Tally tally, String ownSku, boolean removes) {
        for (int round = 0; round < ROUNDS; round++) {
            for (String cart : CARTS) {
                if (removes && round == 0) {
                    retried(() -> store.remove(cart, "removed"));
                }
                tally.addShared(store, cart);
                retried(() -> store.add(cart, ownSku, 1));
            }
        }
    }

    /** A call retried while failure detectors catch up with the fault; whether it was acknowledged at last. */
    private static boolean retried(Runnable call) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                call.run();
                return true;
            } catch (CacheException e) {
                // no quorum yet: the next attempt may find the fault detected and routed around
            }
        }
        return false;
    }

    private void assertConverged(List<CartStore> stores, Tally a, Tally b) {
        int acknowledged = a.acknowledged.get() + b.acknowledged.get();
        int attempted = a.attempted.get() + b.attempted.get();
        assertThat(acknowledged).as("acknowledged adds of 'shared'").isPositive();
        await("every client sees every acknowledged add, and the removal holds").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(CacheException.class).untilAsserted(() -> {
                    int shared = 0;
                    for (String cart : CARTS) {
                        ShoppingCart seen = stores.get(0).view(cart);
                        assertThat(stores.get(1).view(cart)).as("both clients read the same cart").isEqualTo(seen);
                        assertThat(seen.quantity("removed")).as("the line removed after its add was seen, in " + cart).isZero();
                        shared += seen.quantity("shared");
                    }
                    assertThat(shared).as("'shared' over all carts").isBetween(acknowledged, attempted);
                });
    }

    private CartStore store(String seeds, int quorum, String localAddress) {
        if (provider == null) {
            provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        }
        Properties settings = cluster.jcacheSettings();
        settings.setProperty("dynamo.read-quorum", Integer.toString(quorum));
        settings.setProperty("dynamo.write-quorum", Integer.toString(quorum));
        settings.setProperty("dynamo.timeout", "1s");
        settings.setProperty("dynamo.local-address", localAddress);
        return CartStore.create(provider.getCacheManager(URI.create("dynamo://" + seeds), getClass().getClassLoader(), settings), "carts");
    }

    /** How many adds of "shared" a client sent (each try may have landed) and how many were acknowledged. */
    private static final class Tally {
        final AtomicInteger attempted = new AtomicInteger();
        final AtomicInteger acknowledged = new AtomicInteger();

        void addShared(CartStore store, String cart) {
            if (retried(() -> {
                attempted.incrementAndGet();
                store.add(cart, "shared", 1);
            })) {
                acknowledged.incrementAndGet();
            }
        }
    }
}
