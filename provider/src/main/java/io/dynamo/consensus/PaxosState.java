package io.dynamo.consensus;

import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.version.HybridLogicalClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An acceptor's Paxos state for one key, and the acceptor's rules as pure functions of it: the
 * highest ballot promised, the proposal accepted and not yet known committed (the in-progress
 * proposal), the ballot of the most recent commit, and the request ids of the last
 * {@link #RECENT} commits (how a retried request finds that it already won).
 *
 * <p>Single-decree Paxos per key, reset by each commit as in Cassandra's lightweight
 * transactions: after a commit, the next round decides the key's next state.
 */
public record PaxosState(Ballot promised, Optional<Proposal> accepted, Ballot committed, List<byte[]> recentRequests) {
    /** Commits whose request ids are remembered: a retry must arrive within that many later commits of its key. */
    public static final int RECENT = 16;

    public static final PaxosState EMPTY = new PaxosState(Ballot.NONE, Optional.empty(), Ballot.NONE, List.of());

    public PaxosState {
        recentRequests = List.copyOf(recentRequests);
    }

    /** Promise rule: a prepare is granted only for a ballot above every ballot promised so far. */
    public Optional<PaxosState> prepare(Ballot ballot) {
        return ballot.isAfter(promised) ? Optional.of(new PaxosState(ballot, accepted, committed, recentRequests)) : Optional.empty();
    }

    /** Accept rule: a proposal is accepted unless a higher ballot was promised since its prepare. */
    public Optional<PaxosState> accept(Proposal proposal) {
        if (promised.isAfter(proposal.ballot())) {
            return Optional.empty();
        }
        return Optional.of(new PaxosState(proposal.ballot(), Optional.of(proposal), committed, recentRequests));
    }

    /**
     * A commit is always taken (its value was chosen by a majority): it ends the in-progress
     * proposal it covers and remembers its request id.
     */
    public PaxosState commit(Proposal proposal) {
        Optional<Proposal> still = accepted.filter(a -> a.ballot().isAfter(proposal.ballot()));
        List<byte[]> recent = new ArrayList<>(RECENT);
        recent.add(proposal.requestId());
        for (byte[] r : recentRequests) {
            if (recent.size() < RECENT && !Arrays.equals(r, proposal.requestId())) {
                recent.add(r);
            }
        }
        return new PaxosState(promised, still, Ballot.max(committed, proposal.ballot()), recent);
    }

    /**
     * Whether this state may be forgotten at {@code cutoffMillis}: no proposal in progress (an
     * accepted one not known committed may have been chosen, so it stays whatever its age), and
     * its promise and last commit both older than the cutoff (see {@link PaxosPurge}).
     */
    public boolean settledBefore(long cutoffMillis) {
        return accepted.isEmpty() && HybridLogicalClock.physicalMillis(promised.time()) < cutoffMillis
                && HybridLogicalClock.physicalMillis(committed.time()) < cutoffMillis;
    }

    public boolean remembers(byte[] requestId) {
        return recentRequests.stream().anyMatch(r -> Arrays.equals(r, requestId));
    }

    public byte[] encode() {
        WireWriter out = new WireWriter(64);
        write(out);
        return out.toByteArray();
    }

    public static PaxosState decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        PaxosState state = read(in);
        in.end();
        return state;
    }

    void write(WireWriter out) {
        promised.write(out);
        out.byte_(accepted.isPresent() ? 1 : 0);
        accepted.ifPresent(p -> p.write(out));
        committed.write(out);
        out.list(recentRequests);
    }

    static PaxosState read(WireReader in) {
        Ballot promised = Ballot.read(in);
        Optional<Proposal> accepted = in.byte_() == 1 ? Optional.of(Proposal.read(in)) : Optional.empty();
        return new PaxosState(promised, accepted, Ballot.read(in), in.list());
    }
}
