package io.dynamo.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** A BenchTarget over a ConcurrentHashMap, with an optional minimum latency per call and injectable failures. */
final class InMemoryTarget implements BenchTarget {
    final Map<String, byte[]> store = new ConcurrentHashMap<>();
    final AtomicLong getCalls = new AtomicLong();
    final AtomicLong putCalls = new AtomicLong();
    private final long latencyNanos;
    private volatile Predicate<String> failGet = key -> false;
    private volatile Predicate<String> failPut = key -> false;
    final AtomicLong putAllCalls = new AtomicLong();
    private final List<String> trace = new ArrayList<>();
    private final int traceLimit;
    private volatile boolean bulk;
    private volatile Predicate<List<byte[]>> failPutAll = keys -> false;
    private volatile long stallAtCall = -1;
    private volatile long stallNanos;

    InMemoryTarget(long latencyNanos) {
        this(latencyNanos, 0);
    }

    /** Also records the first {@code traceLimit} operations ("GET key-3", "PUT key-9"); use with one thread. */
    InMemoryTarget(long latencyNanos, int traceLimit) {
        this.latencyNanos = latencyNanos;
        this.traceLimit = traceLimit;
    }

    InMemoryTarget failingGets(Predicate<String> keys) {
        failGet = keys;
        return this;
    }

    InMemoryTarget failingPuts(Predicate<String> keys) {
        failPut = keys;
        return this;
    }

    /** Writes a preload's keys with {@link #putAll}, counted in {@link #putAllCalls}; {@code failing} batches throw. */
    InMemoryTarget inBulk(Predicate<List<byte[]>> failing) {
        bulk = true;
        failPutAll = failing;
        return this;
    }

    /** Call number {@code call} (0-based, gets and puts) takes {@code nanos} longer: one stall, as a GC pause would be. */
    InMemoryTarget stallingOnce(long call, long nanos) {
        stallAtCall = call;
        stallNanos = nanos;
        return this;
    }

    @Override
    public boolean writesInBulk() {
        return bulk;
    }

    @Override
    public void putAll(List<byte[]> keys, byte[] value) throws Exception {
        putAllCalls.incrementAndGet();
        if (failPutAll.test(keys)) {
            throw new java.io.IOException("injected failure of a batch of " + keys.size());
        }
        for (byte[] key : keys) {
            store.put(new String(key, StandardCharsets.UTF_8), value.clone());
        }
    }

    long calls() {
        return getCalls.get() + putCalls.get();
    }

    synchronized List<String> trace() {
        return List.copyOf(trace);
    }

    @Override
    public boolean get(byte[] key) throws Exception {
        stallIfDue(getCalls.getAndIncrement() + putCalls.get());
        String k = new String(key, StandardCharsets.UTF_8);
        trace("GET " + k);
        delay();
        if (failGet.test(k)) {
            throw new java.io.IOException("injected get failure on " + k);
        }
        return store.containsKey(k);
    }

    @Override
    public void put(byte[] key, byte[] value) throws Exception {
        stallIfDue(putCalls.getAndIncrement() + getCalls.get());
        String k = new String(key, StandardCharsets.UTF_8);
        trace("PUT " + k);
        delay();
        if (failPut.test(k)) {
            throw new java.io.IOException("injected put failure on " + k);
        }
        store.put(k, value.clone());
    }

    private void stallIfDue(long call) {
        if (call == stallAtCall) {
            park(stallNanos);
        }
    }

    private void trace(String op) {
        if (traceLimit > 0) {
            synchronized (this) {
                if (trace.size() < traceLimit) {
                    trace.add(op);
                }
            }
        }
    }

    /** At least latencyNanos: parkNanos may wake early, so park until the deadline has passed. */
    private void delay() {
        park(latencyNanos);
    }

    private static void park(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
