package io.dynamo.demo;

import io.dynamo.cart.CartStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.cache.CacheException;

/**
 * Shoppers adding to carts through a {@link CartStore} during the whole demo, at a bounded rate so
 * that a small machine keeps time for the nodes' own work (handoff, repair, streaming). Each add is
 * a new sku, measured by the {@link Meter} and, once acknowledged, kept in the {@link Ledger}.
 */
final class Workload implements AutoCloseable {
    static final int CARTS = 100;
    private static final int SHOPPERS = 2;
    private static final int SETTLERS = 4;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

    private final CartStore store;
    private final Meter meter;
    private final Ledger ledger;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> shoppers = new ArrayList<>();

    Workload(CartStore store, Meter meter, Ledger ledger) {
        this.store = store;
        this.meter = meter;
        this.ledger = ledger;
    }

    void start() {
        for (int i = 0; i < SHOPPERS; i++) {
            int shopper = i;
            Thread t = new Thread(() -> shop(shopper), "demo-shopper-" + i);
            t.setDaemon(true);
            shoppers.add(t);
            t.start();
        }
    }

    private void shop(int shopper) {
        Random random = new Random(42 + shopper); // seeded: the same carts and skus every run
        long seq = 0;
        while (running.get()) {
            String cart = cartId(random.nextInt(CARTS));
            String sku = "item-" + shopper + "-" + seq++;
            long start = System.nanoTime();
            try {
                store.add(cart, sku, 1 + random.nextInt(3));
                meter.succeeded(start);
                ledger.acknowledged(cart, sku);
            } catch (CacheException e) {
                meter.failed(start); // not acknowledged: it may have landed or not, and is not counted either way
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /**
     * Writes {@code count} settled carts once, in parallel, before the shoppers start: carts that no later
     * write refreshes, so that a replica that loses them gets them back only through anti-entropy.
     */
    int settle(int count) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(SETTLERS);
        AtomicInteger acknowledged = new AtomicInteger();
        try {
            for (int i = 0; i < count; i++) {
                String cart = String.format("settled-%04d", i);
                pool.execute(() -> {
                    long start = System.nanoTime();
                    try {
                        store.add(cart, "settled", 1);
                        meter.succeeded(start);
                        ledger.acknowledged(cart, "settled");
                        acknowledged.incrementAndGet();
                    } catch (CacheException e) {
                        meter.failed(start);
                    }
                });
            }
        } finally {
            pool.shutdown();
        }
        pool.awaitTermination(2, TimeUnit.MINUTES);
        return acknowledged.get();
    }

    static String cartId(int i) {
        return String.format("cart-%03d", i);
    }

    /** Stops the shoppers and waits for their last add (bounded by the store's timeouts). */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : shoppers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
