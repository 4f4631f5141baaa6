package io.dynamo.session;

import java.io.Serializable;

/**
 * One attribute of a stored session as a versioned register: its serialized value (or a removal),
 * the stamp of the write that made it, and the stamp of the version the writing request had read
 * ({@code seen}, 0 for none). A version whose {@code seen} reaches another's stamp was written
 * after that one was read, so it supersedes it; two versions neither of which saw the other are
 * concurrent, and {@link AttributeMerge} keeps a set over a removal (a removal removes only
 * what it saw). Values travel as bytes so that one attribute that cannot be deserialized costs
 * only itself, and nodes and merges need not load application classes.
 */
record AttributeValue(Stamp stamp, long seen, byte[] bytes, boolean removed, boolean cart) implements Serializable {
    private static final byte[] NONE = new byte[0];

    static AttributeValue set(Stamp stamp, long seen, byte[] bytes, boolean cart) {
        return new AttributeValue(stamp, seen, bytes, false, cart);
    }

    static AttributeValue removal(Stamp stamp, long seen) {
        return new AttributeValue(stamp, seen, NONE, true, false);
    }

    /** Whether this version was written by a request that had read {@code other} or a later version. */
    boolean saw(AttributeValue other) {
        return seen >= other.stamp.time();
    }
}
