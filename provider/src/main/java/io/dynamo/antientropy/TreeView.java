package io.dynamo.antientropy;

/** Node hashes of a Merkle tree, local or a peer's (asked over the network). */
public interface TreeView {
    /** Levels below the root: the leaves are at level {@code depth()}. */
    int depth();

    byte[] hash(int level, int index);

    /** The hashes of several nodes of one level, in order; a remote view asks for them in one round trip. */
    default byte[][] hashes(int level, int[] indices) {
        byte[][] out = new byte[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = hash(level, indices[i]);
        }
        return out;
    }
}
