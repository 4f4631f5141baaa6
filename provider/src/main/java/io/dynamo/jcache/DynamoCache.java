package io.dynamo.jcache;

import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;

/**
 * The paper's interface to a key (§4.1), under the JCache API: {@code cache.unwrap(DynamoCache.class)}.
 * {@link #getVersions} returns every concurrent version and an opaque context; {@link #put(Object,
 * Context, Object)} with that context supersedes exactly those versions, so an application can
 * read siblings, reconcile them and write the reconciliation back.
 */
public interface DynamoCache<K, V> {
    /**
     * Every live concurrent version of {@code key} (none when absent or expired) and the context
     * covering them. Under last-write-wins there is at most one; under siblings there may be many.
     */
    Versioned<V> getVersions(K key);

    /**
     * Writes {@code value}, superseding what {@code context} covers (an empty context supersedes
     * nothing: the write is concurrent with what is stored). Returns the new version's context.
     * Bypasses the JCache writer, listeners and expiry policy; the entry does not expire.
     */
    Context put(K key, Context context, V value);

    /** What this cache does with concurrent writes: last-write-wins (a plain JCache cache), siblings or merge. */
    ConflictPolicy conflictPolicy();
}
