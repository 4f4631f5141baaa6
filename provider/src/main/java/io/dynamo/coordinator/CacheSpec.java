package io.dynamo.coordinator;

import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.version.ConflictPolicy;
import java.time.Duration;

/**
 * A cache's name and replication settings, carried by every client request so that nodes need
 * no cache catalogue: N replicas, R and W quorums (paper §4.5), conflict policy, timeout, and
 * whether values start with an expiry header ({@link ExpiryHeader}, the JCache provider's
 * envelope): then the nodes decide expiry in their own time, not a client's.
 */
public record CacheSpec(String name, int n, int r, int w, ConflictPolicy policy, Duration timeout, boolean expiring) {
    public static final String DEFAULT_NAME = "default";
    public static final int MAX_NAME_BYTES = 255;

    public CacheSpec {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("cache name must be 1.." + MAX_NAME_BYTES + " characters");
        }
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("replicas (N) must be between 1 and 16, got " + n);
        }
        if (r < 1 || r > n) {
            throw new IllegalArgumentException("read quorum R=" + r + " must be between 1 and N=" + n);
        }
        if (w < 1 || w > n) {
            throw new IllegalArgumentException("write quorum W=" + w + " must be between 1 and N=" + n);
        }
        if (policy == null) {
            throw new IllegalArgumentException("conflict policy must be given");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() > 3_600_000) {
            throw new IllegalArgumentException("timeout must be between 1 ms and 1 h, got " + timeout);
        }
    }

    /** A cache whose values the nodes never look into. */
    public CacheSpec(String name, int n, int r, int w, ConflictPolicy policy, Duration timeout) {
        this(name, n, r, w, policy, timeout, false);
    }

    /** N=3, R=2, W=2, the given policy, 2 s timeout. */
    public static CacheSpec defaults(String name, ConflictPolicy policy) {
        return new CacheSpec(name, 3, 2, 2, policy, Duration.ofSeconds(2));
    }

    public CacheSpec withQuorums(int n, int r, int w) {
        return new CacheSpec(name, n, r, w, policy, timeout, expiring);
    }

    /** These settings for values that start with an {@link ExpiryHeader}. */
    public CacheSpec withExpiryHeader() {
        return new CacheSpec(name, n, r, w, policy, timeout, true);
    }

    public void write(WireWriter out) {
        out.string(name).byte_(n).byte_(r).byte_(w).byte_(policy.ordinal()).varint(timeout.toMillis()).byte_(expiring ? 1 : 0);
    }

    public static CacheSpec read(WireReader in) {
        String name = in.string();
        int n = in.byte_();
        int r = in.byte_();
        int w = in.byte_();
        ConflictPolicy policy = in.ordinal(ConflictPolicy.ALL, "conflict policy");
        long timeout = in.varint();
        boolean expiring = in.byte_() == 1;
        try {
            return new CacheSpec(name, n, r, w, policy, Duration.ofMillis(timeout), expiring);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("bad cache settings: " + e.getMessage());
        }
    }
}
