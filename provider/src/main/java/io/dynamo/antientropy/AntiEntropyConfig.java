package io.dynamo.antientropy;

import java.time.Duration;

/**
 * How a node runs anti-entropy (paper §4.7).
 *
 * @param interval       every (partition, peer) pair this node holds is compared once per interval, one
 *                       exchange at a time spread evenly over it; zero turns periodic exchanges off
 *                       (on-demand repair still works)
 * @param bytesPerSecond the bandwidth repair may use (trees and entries, both directions), so that it
 *                       never starves client traffic
 * @param tombstoneGrace a tombstone-only key older than this, held identically by every replica, is
 *                       purged; it must exceed the longest outage a hint or a replica may come back
 *                       from, or a stale copy could bring a deleted value back
 * @param replicas       N of the replica sets compared: a partition's replicas are the first N nodes of
 *                       its preference list; at least the largest N of the caches
 */
public record AntiEntropyConfig(Duration interval, long bytesPerSecond, Duration tombstoneGrace, int replicas) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final long DEFAULT_BYTES_PER_SECOND = 8L * 1024 * 1024;
    public static final Duration DEFAULT_TOMBSTONE_GRACE = Duration.ofHours(1);
    public static final int DEFAULT_REPLICAS = 3;

    public AntiEntropyConfig {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("anti-entropy interval must not be negative, got " + interval);
        }
        if (bytesPerSecond < 1024) {
            throw new IllegalArgumentException("repair rate must be at least 1 KiB/s, got " + bytesPerSecond);
        }
        if (tombstoneGrace.isNegative()) {
            throw new IllegalArgumentException("tombstone grace must not be negative, got " + tombstoneGrace);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
    }

    public static AntiEntropyConfig defaults() {
        return new AntiEntropyConfig(DEFAULT_INTERVAL, DEFAULT_BYTES_PER_SECOND, DEFAULT_TOMBSTONE_GRACE, DEFAULT_REPLICAS);
    }

    public boolean periodic() {
        return !interval.isZero();
    }

    /** Parses a rate such as {@code 8MiB}, {@code 512KiB}, {@code 1000000} (bytes per second). */
    public static long parseRate(String s) {
        String t = s.trim();
        long unit = 1;
        String[][] units = {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}, {"GB", "1000000000"}, {"MB", "1000000"},
            {"KB", "1000"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad rate '" + s + "' (e.g. 8MiB, 512KiB, 1000000)");
        }
    }
}
