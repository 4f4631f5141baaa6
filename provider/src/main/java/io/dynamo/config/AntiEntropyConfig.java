package io.dynamo.config;

import java.time.Duration;

/**
 * How a node runs anti-entropy (paper §4.7): {@code anti-entropy-interval}, {@code repair-rate},
 * {@code tombstone-grace}, {@code anti-entropy-replicas}.
 *
 * @param interval       every (partition, peer) pair this node holds is compared once per interval, one
 *                       exchange at a time spread evenly over it; zero turns periodic exchanges off
 *                       (on-demand repair still works)
 * @param bytesPerSecond the bandwidth repair may use (trees and entries, both directions), so that it
 *                       never starves client traffic
 * @param tombstoneGrace a tombstone-only key older than this, held identically by every replica, is
 *                       purged; it must exceed the longest outage a hint or a replica may come back
 *                       from, or a stale copy could bring a deleted value back
 * @param replicas       the least N reckoned with: a cache the node has not heard of counts as the
 *                       largest N known, at least this (each cache's own N is learnt from requests,
 *                       {@code replica.CacheReplicas})
 */
public record AntiEntropyConfig(Duration interval, long bytesPerSecond, Duration tombstoneGrace, int replicas) implements NodeConfig.Part {
    public AntiEntropyConfig {
        Check.notNegative("anti-entropy-interval", interval);
        if (bytesPerSecond < 1024) {
            throw new IllegalArgumentException("repair-rate must be at least 1 KiB/s, got " + bytesPerSecond + " bytes/s");
        }
        Check.notNegative("tombstone-grace", tombstoneGrace);
        Check.atLeast("anti-entropy-replicas", replicas, 1);
    }

    public static AntiEntropyConfig defaults() {
        return new AntiEntropyConfig(NodeDefaults.ANTI_ENTROPY_INTERVAL, NodeDefaults.REPAIR_BYTES_PER_SECOND, NodeDefaults.TOMBSTONE_GRACE,
                NodeDefaults.ANTI_ENTROPY_REPLICAS);
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
            throw new IllegalArgumentException("repair-rate must be bytes per second such as 8MiB, 512KiB or 1000000, got '" + s + "'");
        }
    }

    /** The shortest text {@link #parseRate} reads back as {@code bytesPerSecond}: {@code 8MiB}, {@code 1500B}. */
    public static String formatRate(long bytesPerSecond) {
        long[] units = {1L << 30, 1L << 20, 1L << 10};
        String[] names = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            if (bytesPerSecond % units[i] == 0) {
                return bytesPerSecond / units[i] + names[i];
            }
        }
        return bytesPerSecond + "B";
    }
}
