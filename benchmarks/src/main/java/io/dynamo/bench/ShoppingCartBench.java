package io.dynamo.bench;

import io.dynamo.cart.CartStore;
import io.dynamo.cart.Dot;
import io.dynamo.cart.ShoppingCart;
import io.dynamo.jcache.DynamoCache;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.spi.Context;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the CRDT cart costs: merging two diverged 200-line carts (the read-time reconciliation of
 * §4.4), and a {@link CartStore#add} that finds three concurrent siblings of the cart (read,
 * merge, write-back, write) through JCache on a node in this JVM ({@code dynamo:embedded}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ShoppingCartBench {
    private static final int LINES = 200;

    private ShoppingCart left;
    private ShoppingCart right;
    private CachingProvider provider;
    private CartStore store;
    private DynamoCache<String, ShoppingCart> raw;
    private ShoppingCart[] siblings;
    private long carts;
    private String contended;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void start() {
        ShoppingCart base = ShoppingCart.empty();
        for (int i = 0; i < LINES; i++) {
            base = add(base, "a", "sku-" + i, 1 + i % 3);
        }
        left = base;
        right = base;
        for (int i = 0; i < LINES; i += 2) { // each side edits half the lines the other does not: every line differs
            left = add(left, "a", "sku-" + i, 1);
            right = add(right, "b", "sku-" + (i + 1), 2);
        }
        for (int i = 0; i < LINES; i += 10) {
            right = right.remove("sku-" + i);
        }

        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        CacheManager manager = provider.getCacheManager(URI.create("dynamo:embedded"), ShoppingCartBench.class.getClassLoader());
        store = CartStore.create(manager, "bench-carts");
        Cache<String, ShoppingCart> cache = manager.getCache("bench-carts", String.class, ShoppingCart.class);
        raw = cache.unwrap(DynamoCache.class);
        ShoppingCart cart = ShoppingCart.empty();
        for (int i = 0; i < 10; i++) {
            cart = add(cart, "seed", "sku-" + i, 1);
        }
        siblings = new ShoppingCart[] {add(cart, "s1", "sku-1", 1), add(cart, "s2", "sku-2", 1), add(cart, "s3", "sku-3", 1)};
    }

    /**
     * A fresh cart holding three versions written concurrently (empty contexts), as three clients
     * at three nodes would: each invocation finds the same state, not the line its predecessors grew.
     */
    @Setup(Level.Invocation)
    public void threeSiblings() {
        contended = "contended-" + ++carts;
        for (ShoppingCart s : siblings) {
            raw.put(contended, Context.empty(), s);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        provider.close();
    }

    @Benchmark
    public ShoppingCart mergeTwo200LineCarts() {
        return left.merge(right);
    }

    @Benchmark
    public ShoppingCart addUnderThreeConcurrentSiblings() {
        return store.add(contended, "sku-9", 1);
    }

    private static ShoppingCart add(ShoppingCart cart, String actor, String sku, int quantity) {
        Dot dot = cart.nextDot(actor);
        return cart.add(dot, sku, quantity);
    }
}
