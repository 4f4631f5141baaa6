package io.dynamo.demo;

import io.dynamo.cart.CartStore;
import io.dynamo.cart.ShoppingCart;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;

/**
 * Concurrent writes become siblings, and merge (§4.4): two raw writes without a context to one key
 * are both kept, and a write with the read's context resolves them; two cart stores adding to one
 * cart at once leave siblings that the cart's merge joins, every add kept.
 */
final class SiblingsPhase {
    private static final int ADDS_EACH = 10;

    private SiblingsPhase() {
    }

    static void run(Stage stage) throws Exception {
        stage.say("== concurrent writes: two writes to one key, neither having seen the other");
        CacheSpec raw = CacheSpec.defaults("demo-raw", ConflictPolicy.SIBLINGS);
        byte[] key = "wishlist:alice".getBytes(StandardCharsets.UTF_8);
        try (DynamoClient client = DynamoClient.connect(new ClientConfig(DemoCluster.NAME, ClientConfig.parseSeeds(stage.cluster().seeds()),
                Duration.ofSeconds(3), stage.cluster().tls()))) {
            client.put(raw, key, Context.empty(), utf8("book"));
            client.put(raw, key, Context.empty(), utf8("pen"));
            Versioned<byte[]> read = client.get(raw, key);
            client.put(raw, key, read.context(), utf8("book,pen"));
            int after = client.get(raw, key).values().size();
            stage.say("   " + read.values().size() + " siblings kept (book, pen); a write with the read's context merges them: " + after
                    + " version left");
        }

        stage.say("== two cart stores add to one cart at once: siblings, merged by the cart's CRDT on read");
        String seeds = stage.cluster().seeds();
        CartStore first = stage.clients().store(seeds, 2, 2, Optional.empty());
        CartStore second = stage.clients().store(seeds, 2, 2, Optional.empty());
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> addMany(stage.ledger(), first, "first"));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> addMany(stage.ledger(), second, "second"));
        int acknowledged = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
        ShoppingCart cart = first.view("cart-shared");
        stage.say("   " + acknowledged + " adds acknowledged, " + cart.items().size() + " lines in the merged cart");
        stage.screen().endPhase();
    }

    private static int addMany(Ledger ledger, CartStore store, String who) {
        int acknowledged = 0;
        for (int i = 0; i < ADDS_EACH; i++) {
            String sku = "shared-" + who + "-" + i;
            try {
                store.add("cart-shared", sku, 1);
                ledger.acknowledged("cart-shared", sku);
                acknowledged++;
            } catch (CacheException e) {
                // not acknowledged, not counted
            }
        }
        return acknowledged;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
