package io.dynamo.config;

import io.dynamo.coordinator.CacheSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Cluster-wide settings an operator sets in one place (ZooKeeper's {@code /dynamo/<cluster>/config}),
 * in force on every node without a restart: when present they override the N, R, W and timeout a
 * client request carries; Q is the partition count of a cluster's first ring. Text form, one
 * {@code KEY=VALUE} per line or comma: {@code N=3, R=2, W=2, Q=256, timeout=2s}.
 */
public record ClusterSettings(OptionalInt n, OptionalInt r, OptionalInt w, OptionalInt q, Optional<Duration> timeout) {
    public static final ClusterSettings NONE = new ClusterSettings(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), Optional.empty());

    /** @throws IllegalArgumentException naming the bad entry */
    public static ClusterSettings parse(String text) {
        TreeMap<String, String> entries = new TreeMap<>();
        for (String part : text.split("[,\\n]")) {
            String p = part.trim();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("config entry '" + p + "' is not KEY=VALUE");
            }
            entries.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
        }
        OptionalInt n = number(entries.remove("n"), "N");
        OptionalInt r = number(entries.remove("r"), "R");
        OptionalInt w = number(entries.remove("w"), "W");
        OptionalInt q = number(entries.remove("q"), "Q");
        String t = entries.remove("timeout");
        Optional<Duration> timeout = t == null ? Optional.empty() : Optional.of(duration(t));
        if (!entries.isEmpty()) {
            throw new IllegalArgumentException("unknown config keys " + entries.keySet() + " (known: N, R, W, Q, timeout)");
        }
        return new ClusterSettings(n, r, w, q, timeout);
    }

    /** {@code cache} with the settings present here in place of its own; R and W are capped at N. */
    public CacheSpec apply(CacheSpec cache) {
        if (this.equals(NONE)) {
            return cache;
        }
        int nn = n.orElse(cache.n());
        int rr = Math.min(r.orElse(cache.r()), nn);
        int ww = Math.min(w.orElse(cache.w()), nn);
        return new CacheSpec(cache.name(), nn, rr, ww, cache.policy(), timeout.orElse(cache.timeout()), cache.expiring());
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        n.ifPresent(v -> b.append("N=").append(v).append('\n'));
        r.ifPresent(v -> b.append("R=").append(v).append('\n'));
        w.ifPresent(v -> b.append("W=").append(v).append('\n'));
        q.ifPresent(v -> b.append("Q=").append(v).append('\n'));
        timeout.ifPresent(v -> b.append("timeout=").append(v.toMillis()).append("ms\n"));
        return b.toString();
    }

    private static OptionalInt number(String value, String key) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int v = Integer.parseInt(value);
            if (v < 1) {
                throw new IllegalArgumentException("config " + key + "=" + value + " must be at least 1");
            }
            return OptionalInt.of(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config " + key + "=" + value + " is not a number");
        }
    }

    private static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config timeout=" + text + " is not a duration like 500ms or 2s");
        }
    }
}
