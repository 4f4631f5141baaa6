package io.dynamo.jcache;

import java.io.Closeable;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * A cache's {@link ExpiryPolicy} turned into absolute deadlines (epoch ms) to store with values.
 * As the spec says, a policy that throws leaves the deadline as it was (creation: eternal), and
 * a null duration for update or access means "unchanged".
 */
final class ExpiryDeadlines {
    private final ExpiryPolicy policy;
    private final boolean eternal;

    ExpiryDeadlines(ExpiryPolicy policy) {
        this.policy = policy;
        this.eternal = policy instanceof EternalExpiryPolicy;
    }

    /** The standard eternal policy: nothing ever expires, so reads never write deadlines back. */
    boolean isEternal() {
        return eternal;
    }

    long forCreation(long now) {
        Duration d;
        try {
            d = policy.getExpiryForCreation();
        } catch (Throwable t) {
            d = Duration.ETERNAL;
        }
        return deadline(d == null ? Duration.ETERNAL : d, now);
    }

    long forUpdate(long now, long current) {
        try {
            Duration d = policy.getExpiryForUpdate();
            return d == null ? current : deadline(d, now);
        } catch (Throwable t) {
            return current;
        }
    }

    long forAccess(long now, long current) {
        try {
            Duration d = policy.getExpiryForAccess();
            return d == null ? current : deadline(d, now);
        } catch (Throwable t) {
            return current;
        }
    }

    /** The absolute deadline of a duration starting now; ZERO is now itself (already expired). */
    static long deadline(Duration d, long now) {
        if (d.isEternal()) {
            return StoredValue.ETERNAL;
        }
        long millis = d.getTimeUnit().toMillis(d.getDurationAmount());
        return millis >= StoredValue.ETERNAL - now ? StoredValue.ETERNAL : now + millis;
    }

    void close() {
        if (policy instanceof Closeable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a user's policy failing to close must not keep the cache open
            }
        }
    }
}
