package io.dynamo.jcache;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/** The counters of one cache, as seen by this client (JSR-107 §12.4), exposed as an MXBean. */
final class DynamoStatistics implements CacheStatisticsMXBean {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();

    void hits(long n) {
        hits.add(n);
    }

    void misses(long n) {
        misses.add(n);
    }

    void puts(long n) {
        puts.add(n);
    }

    void removals(long n) {
        removals.add(n);
    }

    void getTime(long nanos) {
        getNanos.add(nanos);
    }

    void putTime(long nanos) {
        putNanos.add(nanos);
    }

    void removeTime(long nanos) {
        removeNanos.add(nanos);
    }

    @Override
    public void clear() {
        hits.reset();
        misses.reset();
        puts.reset();
        removals.reset();
        evictions.reset();
        getNanos.reset();
        putNanos.reset();
        removeNanos.reset();
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long h = getCacheHits();
        long total = h + getCacheMisses();
        return total == 0 ? 0 : (float) h / total * 100.0f;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long m = getCacheMisses();
        long total = m + getCacheHits();
        return total == 0 ? 0 : (float) m / total * 100.0f;
    }

    @Override
    public long getCacheGets() {
        return getCacheHits() + getCacheMisses();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), getCacheRemovals());
    }

    /** In microseconds, as the MXBean's contract says. */
    private static float average(long nanos, long count) {
        return count == 0 ? 0 : (float) nanos / count / 1000.0f;
    }
}
