package io.dynamo.antientropy;

import net.openhft.hashing.LongHashFunction;

/**
 * The digest each key was last added to its Merkle leaf with (paper §4.7 upkeep), so that a
 * write hashes only its new state: the old state's digest, which the leaf must lose, is looked up
 * rather than computed again from the old state.
 *
 * <p>Bounded and direct-mapped: a slot holds one key's 64-bit hash, a 64-bit hash of the state it
 * was added with, and that state's digest. A lookup whose key and state hashes both match gives
 * the digest (an xxHash64 of the state costs a small fraction of the SHA-256 it replaces); any
 * other (a key whose slot another key took since) computes it, as before. A slot is one immutable
 * entry, replaced whole, so concurrent writes of different keys never mix two entries.
 */
final class DigestCache {
    private static final LongHashFunction KEY_HASH = LongHashFunction.xx(0x4B455953L);
    private static final LongHashFunction STATE_HASH = LongHashFunction.xx(0x53544154L);

    private record Entry(long key, long state, byte[] digest) {}

    private final Entry[] slots;

    /** @param slotBits log2 of the slots (2^18: about 20 MB when full) */
    DigestCache(int slotBits) {
        this.slots = new Entry[1 << slotBits];
    }

    /** The digest of {@code state} of {@code storedKey}: remembered if this is the state last added, else computed. */
    byte[] digestOf(byte[] storedKey, byte[] state) {
        return digestOf(KEY_HASH.hashBytes(storedKey), storedKey, state);
    }

    /** A key's digests before and after a write. */
    record Replaced(byte[] before, byte[] after) {}

    /**
     * {@link #digestOf} the state before and {@link #added} the state after a write of
     * {@code storedKey}, hashing the key once for both.
     */
    Replaced replaced(byte[] storedKey, byte[] before, byte[] after) {
        long key = KEY_HASH.hashBytes(storedKey);
        byte[] old = digestOf(key, storedKey, before);
        return new Replaced(old, added(key, storedKey, after));
    }

    /** The digest of {@code state} of {@code storedKey}, now added to its leaf: computed, and remembered for its removal. */
    byte[] added(byte[] storedKey, byte[] state) {
        return added(KEY_HASH.hashBytes(storedKey), storedKey, state);
    }

    private byte[] digestOf(long key, byte[] storedKey, byte[] state) {
        Entry e = slots[slot(key)];
        if (e != null && e.key() == key && e.state() == STATE_HASH.hashBytes(state)) {
            return e.digest();
        }
        return KeyDigests.digest(storedKey, state);
    }

    private byte[] added(long key, byte[] storedKey, byte[] state) {
        byte[] digest = KeyDigests.digest(storedKey, state);
        slots[slot(key)] = new Entry(key, STATE_HASH.hashBytes(state), digest);
        return digest;
    }

    private int slot(long keyHash) {
        return (int) keyHash & (slots.length - 1);
    }
}
