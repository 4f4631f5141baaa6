package io.dynamo.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.spi.Versioned;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** CartStore through javax.cache against a node inside this JVM ({@code dynamo:embedded}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CartStoreTest {
    private static final String CACHE = "carts";

    private CachingProvider provider;
    private CacheManager manager;
    private CartStore store;
    private CartStore other;

    @BeforeAll
    void start() {
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        manager = provider.getCacheManager(URI.create("dynamo:embedded"), getClass().getClassLoader());
        store = CartStore.create(manager, CACHE);
        other = CartStore.create(manager, CACHE);
    }

    @AfterAll
    void stop() {
        provider.close();
    }

    @Test
    void aCartNeverWrittenViewsEmpty() {
        assertThat(store.view("never-written").items()).isEmpty();
    }

    @Test
    void addsSumRemoveDropsTheLineAndEveryStoreSeesTheSameCart() {
        store.add("sum", "book", 2);
        other.add("sum", "book", 3);
        ShoppingCart after = store.add("sum", "pen", 1);
        assertThat(after.items()).containsExactly(Map.entry("book", 5), Map.entry("pen", 1));
        assertThat(other.remove("sum", "book").items()).containsExactly(Map.entry("pen", 1));
        assertThat(store.view("sum").items()).containsExactly(Map.entry("pen", 1));
    }

    @Test
    void setQuantityReplacesTheLineAndZeroRemovesIt() {
        store.add("set", "book", 2);
        other.add("set", "book", 2);
        assertThat(store.setQuantity("set", "book", 7).quantity("book")).isEqualTo(7);
        assertThat(other.view("set").quantity("book")).isEqualTo(7);
        assertThat(other.setQuantity("set", "book", 0).items()).isEmpty();
        assertThat(store.view("set").items()).isEmpty();
    }

    @Test
    void clearEmptiesTheCartAndLaterAddsStartAfresh() {
        store.add("clear", "book", 1);
        other.add("clear", "pen", 1);
        store.clear("clear");
        assertThat(other.view("clear").items()).isEmpty();
        assertThat(other.add("clear", "cup", 1).items()).containsExactly(Map.entry("cup", 1));
    }

    @Test
    void twoWritesWithTheSameStaleContextBecomeSiblingsThatAViewMerges() {
        store.add("siblings", "book", 1);
        DynamoCache<String, ShoppingCart> raw = rawCache();
        Versioned<ShoppingCart> read = raw.getVersions("siblings");
        ShoppingCart seen = read.values().get(0);
        raw.put("siblings", read.context(), seen.add(new Dot("client-a", 1), "book", 2));
        raw.put("siblings", read.context(), seen.add(new Dot("client-b", 1), "book", 4));
        raw.put("siblings", read.context(), seen.remove("book").add(new Dot("client-c", 1), "pen", 1));
        ShoppingCart merged = store.view("siblings");
        assertThat(merged.items()).as("the book the remove saw is gone, the concurrent adds of it sum")
                .containsExactly(Map.entry("book", 6), Map.entry("pen", 1));
        assertThat(raw.getVersions("siblings").values()).as("the view wrote the merge back").containsExactly(merged);
    }

    @Test
    void concurrentAddsThroughTwoStoresAllCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                CartStore s = t % 2 == 0 ? store : other;
                adds.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        s.add("contended", "book", 1);
                    }
                }));
            }
            for (Future<?> f : adds) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.view("contended").quantity("book")).isEqualTo(200);
    }

    @Test
    void thousandsOfAddRemoveCyclesThroughTheStoreLeaveTheCartTheSizeOfItsLiveLines() throws IOException {
        store.add("cycles-once", "book", 1);
        store.remove("cycles-once", "book");
        ShoppingCart once = store.add("cycles-once", "pen", 2);
        for (int i = 0; i < 2_000; i++) {
            store.add("cycles", "book", 1);
            store.remove("cycles", "book");
        }
        ShoppingCart cart = store.add("cycles", "pen", 2);
        assertThat(store.view("cycles")).isEqualTo(cart);
        assertThat(cart.lines()).hasSize(1);
        assertThat(cart.lines().get("pen").contributions()).hasSize(1);
        assertThat(cart.context().versionVector()).hasSize(1).containsValue(2_001L);
        assertThat(cart.context().cloud()).isEmpty();
        assertThat(ShoppingCartTest.serialized(cart).length).isEqualTo(ShoppingCartTest.serialized(once).length);
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        assertThatThrownBy(() -> store.add("bad", "book", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> store.add("bad", "book", -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.setQuantity("bad", "book", -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> store.add("bad", " ", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sku");
        assertThatThrownBy(() -> store.remove("bad", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("sku");
        assertThatThrownBy(() -> store.add("", "book", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cart id");
        assertThatThrownBy(() -> store.view(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("cart id");
        assertThatThrownBy(() -> store.clear(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cart id");
        assertThat(manager.getCache(CACHE, String.class, ShoppingCart.class).containsKey("bad")).isFalse();
    }

    @Test
    void aCacheThatDoesNotMergeCartsIsRefused() {
        manager.createCache("plain", new MutableConfiguration<String, ShoppingCart>().setTypes(String.class, ShoppingCart.class));
        assertThatThrownBy(() -> CartStore.create(manager, "plain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the cart merge");
        assertThatThrownBy(() -> CartStore.create(manager, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CartStore.create(null, CACHE)).isInstanceOf(NullPointerException.class);
    }

    @SuppressWarnings("unchecked")
    private DynamoCache<String, ShoppingCart> rawCache() {
        Cache<String, ShoppingCart> cache = manager.getCache(CACHE, String.class, ShoppingCart.class);
        return cache.unwrap(DynamoCache.class);
    }
}
