package io.dynamo.consensus;

import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import java.util.Arrays;

/**
 * A value proposed for one key under a ballot: the key's next state (an encoded DvvSet, merged
 * into each replica at commit like any replicated write) and the identity of the client request
 * it carries out, by which a retried request recognizes its own earlier win.
 */
public record Proposal(Ballot ballot, byte[] requestId, byte[] state) {
    public Proposal {
        requestId = requestId.clone();
        state = state.clone();
    }

    /** The same value under a newer ballot: how a leader finishes another's in-progress proposal. */
    public Proposal under(Ballot newer) {
        return new Proposal(newer, requestId, state);
    }

    public boolean carries(byte[] request) {
        return Arrays.equals(requestId, request);
    }

    @Override
    public byte[] requestId() {
        return requestId.clone();
    }

    @Override
    public byte[] state() {
        return state.clone();
    }

    int sizeHint() {
        return 24 + ballot.node().length() + requestId.length + state.length;
    }

    void write(WireWriter out) {
        ballot.write(out);
        out.bytes(requestId).bytes(state);
    }

    static Proposal read(WireReader in) {
        return new Proposal(Ballot.read(in), in.bytes(), in.bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proposal p && ballot.equals(p.ballot) && Arrays.equals(requestId, p.requestId) && Arrays.equals(state, p.state);
    }

    @Override
    public int hashCode() {
        return 31 * ballot.hashCode() + Arrays.hashCode(requestId);
    }

    @Override
    public String toString() {
        return "proposal " + ballot + " (" + state.length + " bytes)";
    }
}
