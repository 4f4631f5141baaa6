package io.dynamo.antientropy;

import java.security.MessageDigest;
import net.openhft.hashing.LongHashFunction;

/**
 * What a Merkle tree knows of one key: which leaf it falls in (a hash of the engine key alone,
 * so a key stays in its leaf whatever its versions) and its 128-bit digest over the key and its
 * whole encoded state. Equal DVV sets encode to equal bytes, so replicas holding the same
 * versions of a key produce the same digest.
 */
public final class KeyDigests {
    /** A seed apart from the ring's, so leaves spread evenly inside one partition. */
    private static final LongHashFunction LEAF_HASH = LongHashFunction.xx(0x5EEDAE5EL);
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Digest128::create);

    private KeyDigests() {}

    public static int leafOf(byte[] storedKey, int leafBits) {
        return (int) (LEAF_HASH.hashBytes(storedKey) >>> (64 - leafBits));
    }

    /** The 128-bit digest ({@link Digest128}) of the key's length, the key and the state. */
    public static byte[] digest(byte[] storedKey, byte[] state) {
        MessageDigest d = DIGEST.get();
        d.reset();
        int n = storedKey.length;
        d.update((byte) (n >>> 24));
        d.update((byte) (n >>> 16));
        d.update((byte) (n >>> 8));
        d.update((byte) n);
        d.update(storedKey, 0, n);
        d.update(state, 0, state.length);
        return Digest128.finish(d);
    }

    static long lane(byte[] digest, int lane) {
        long v = 0;
        for (int i = lane * 8; i < lane * 8 + 8; i++) {
            v = (v << 8) | (digest[i] & 0xFF);
        }
        return v;
    }

    static byte[] ofLanes(long a, long b) {
        byte[] out = new byte[MerkleTree.LEAF_HASH_BYTES];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (a >>> (56 - 8 * i));
            out[8 + i] = (byte) (b >>> (56 - 8 * i));
        }
        return out;
    }
}
