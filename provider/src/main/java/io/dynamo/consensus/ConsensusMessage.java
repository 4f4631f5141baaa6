package io.dynamo.consensus;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import io.dynamo.version.ConflictPolicy;
import java.util.Optional;

/**
 * Leader to the key's N replicas and back: the three phases of per-key Paxos (prepare/promise,
 * propose/accept, commit) behind conditional writes. Each record writes its own body and reads it
 * back ({@code read}); {@link #FAMILY} lists the wire types. Served to nodes only: a client's
 * compare-and-set enters through the coordinator family and any node can lead its round.
 */
public sealed interface ConsensusMessage extends Message
        permits ConsensusMessage.Prepare, ConsensusMessage.Promise, ConsensusMessage.Propose, ConsensusMessage.Accepted, ConsensusMessage.Commit {
    int PREPARE = 56;
    int PROPOSE = 57;
    int COMMIT = 58;
    int PROMISE = 104;
    int ACCEPTED = 105;

    MessageFamily FAMILY = MessageFamily.of("consensus", Role.NODES,
            MessageFamily.type(PREPARE, Prepare.class, Prepare::read),
            MessageFamily.type(PROPOSE, Propose.class, Propose::read),
            MessageFamily.type(COMMIT, Commit.class, Commit::read),
            MessageFamily.type(PROMISE, Promise.class, Promise::read),
            MessageFamily.type(ACCEPTED, Accepted.class, Accepted::read));

    /** Phase 1a: promise to take no proposal below {@code ballot}; {@code requestId} asks whether that request already committed. */
    record Prepare(String cache, int partition, byte[] key, Ballot ballot, byte[] requestId) implements ConsensusMessage {
        public int type() {
            return PREPARE;
        }

        public int sizeHint() {
            return 40 + cache.length() + key.length + requestId.length;
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key);
            ballot.write(out);
            out.bytes(requestId);
        }

        static Prepare read(WireReader in) {
            return new Prepare(in.string(), in.varintInt(65535), in.bytes(), Ballot.read(in), in.bytes());
        }
    }

    /**
     * Phase 1b: whether the prepare was granted, the acceptor's promised ballot (a rejection names
     * the one to beat), its in-progress proposal, its most recent commit, whether it remembers the
     * request committed, and the replica's stored state of the key (the round's quorum read).
     */
    record Promise(boolean granted, Ballot promised, Optional<Proposal> accepted, Ballot committed, boolean remembersRequest,
            Optional<byte[]> state) implements ConsensusMessage {
        public int type() {
            return PROMISE;
        }

        public int sizeHint() {
            return 48 + accepted.map(Proposal::sizeHint).orElse(0) + state.map(s -> s.length).orElse(0);
        }

        public void write(WireWriter out) {
            out.byte_(granted ? 1 : 0);
            promised.write(out);
            out.byte_(accepted.isPresent() ? 1 : 0);
            accepted.ifPresent(p -> p.write(out));
            committed.write(out);
            out.byte_(remembersRequest ? 1 : 0).optionalBytes(state);
        }

        static Promise read(WireReader in) {
            boolean granted = in.byte_() == 1;
            Ballot promised = Ballot.read(in);
            Optional<Proposal> accepted = in.byte_() == 1 ? Optional.of(Proposal.read(in)) : Optional.empty();
            return new Promise(granted, promised, accepted, Ballot.read(in), in.byte_() == 1, in.optionalBytes());
        }
    }

    /** Phase 2a: accept this proposal unless a higher ballot was promised. */
    record Propose(String cache, int partition, byte[] key, Proposal proposal) implements ConsensusMessage {
        public int type() {
            return PROPOSE;
        }

        public int sizeHint() {
            return 24 + cache.length() + key.length + proposal.sizeHint();
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key);
            proposal.write(out);
        }

        static Propose read(WireReader in) {
            return new Propose(in.string(), in.varintInt(65535), in.bytes(), Proposal.read(in));
        }
    }

    /** Phase 2b: whether the proposal was accepted, and the acceptor's promised ballot. */
    record Accepted(boolean granted, Ballot promised) implements ConsensusMessage {
        public int type() {
            return ACCEPTED;
        }

        public void write(WireWriter out) {
            out.byte_(granted ? 1 : 0);
            promised.write(out);
        }

        static Accepted read(WireReader in) {
            return new Accepted(in.byte_() == 1, Ballot.read(in));
        }
    }

    /** Phase 3: the proposal was chosen; merge its state into the replica (a plain versioned write) and end the round. */
    record Commit(String cache, int partition, byte[] key, ConflictPolicy policy, Proposal proposal) implements ConsensusMessage {
        public int type() {
            return COMMIT;
        }

        public int sizeHint() {
            return 24 + cache.length() + key.length + proposal.sizeHint();
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key).byte_(policy.ordinal());
            proposal.write(out);
        }

        static Commit read(WireReader in) {
            return new Commit(in.string(), in.varintInt(65535), in.bytes(), in.ordinal(ConflictPolicy.ALL, "conflict policy"), Proposal.read(in));
        }
    }
}
