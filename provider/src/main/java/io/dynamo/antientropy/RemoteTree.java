package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.TreeHashes;
import io.dynamo.antientropy.AntiEntropyMessage.TreeHashesResult;
import io.dynamo.ring.Member;
import java.util.Arrays;

/** A peer's tree of one partition, asked level by level over the network. */
final class RemoteTree implements TreeView {
    private static final int MAX_NODES_PER_CALL = 1024;

    private final PeerCalls calls;
    private final Member peer;
    private final int partition;
    private final int leafBits;
    private final ExchangeStats stats;

    RemoteTree(PeerCalls calls, Member peer, int partition, int leafBits, ExchangeStats stats) {
        this.calls = calls;
        this.peer = peer;
        this.partition = partition;
        this.leafBits = leafBits;
        this.stats = stats;
    }

    @Override
    public int depth() {
        return leafBits / MerkleTree.FANOUT_BITS;
    }

    @Override
    public byte[] hash(int level, int index) {
        return hashes(level, new int[] {index})[0];
    }

    @Override
    public byte[][] hashes(int level, int[] indices) {
        byte[][] out = new byte[indices.length][];
        for (int from = 0; from < indices.length; from += MAX_NODES_PER_CALL) {
            int[] chunk = Arrays.copyOfRange(indices, from, Math.min(indices.length, from + MAX_NODES_PER_CALL));
            TreeHashesResult r = calls.call(peer, new TreeHashes(partition, leafBits, level, chunk), TreeHashesResult.class, stats);
            if (!r.ready()) {
                throw new ExchangeFailedException(peer.id() + ": tree of partition " + partition + " not built yet");
            }
            if (r.hashes().size() != chunk.length) {
                throw new ExchangeFailedException(peer.id() + ": " + r.hashes().size() + " hashes for " + chunk.length + " nodes");
            }
            for (int i = 0; i < chunk.length; i++) {
                out[from + i] = r.hashes().get(i);
            }
        }
        return out;
    }
}
