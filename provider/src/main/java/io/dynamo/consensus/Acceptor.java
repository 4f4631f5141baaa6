package io.dynamo.consensus;

import io.dynamo.consensus.ConsensusMessage.Accepted;
import io.dynamo.consensus.ConsensusMessage.Commit;
import io.dynamo.consensus.ConsensusMessage.Prepare;
import io.dynamo.consensus.ConsensusMessage.Promise;
import io.dynamo.consensus.ConsensusMessage.Propose;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Message;
import io.dynamo.replica.LocalReplica;
import io.dynamo.version.DvvSet;
import java.util.Arrays;
import java.util.Optional;

/**
 * A replica's side of per-key Paxos: applies {@link PaxosState}'s rules under the key's lock and
 * saves the state before answering, so a promise or acceptance given survives a kill. A commit
 * merges the chosen state into the local replica first, as a replicated write would, so plain
 * reads see it.
 */
public final class Acceptor {
    private static final int STRIPES = 128;

    private final PaxosStore store;
    private final LocalReplica local;
    private final Object[] locks = new Object[STRIPES];

    public Acceptor(PaxosStore store, LocalReplica local) {
        this.store = store;
        this.local = local;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The answer to one phase's request: a promise, an acceptance, or an acknowledged commit. */
    public Message answer(ConsensusMessage request) {
        if (request instanceof Prepare p) {
            return prepare(p);
        } else if (request instanceof Propose p) {
            return propose(p);
        } else if (request instanceof Commit c) {
            commit(c);
            return new Ack();
        }
        throw new IllegalArgumentException("not a request of a round: " + request);
    }

    public Promise prepare(Prepare p) {
        synchronized (lock(p.cache(), p.key())) {
            PaxosState state = store.load(p.cache(), p.partition(), p.key());
            Optional<PaxosState> next = state.prepare(p.ballot());
            next.ifPresent(s -> store.save(p.cache(), p.partition(), p.key(), s));
            Optional<byte[]> replica = local.read(p.cache(), p.partition(), p.key()).map(DvvSet::encode);
            return new Promise(next.isPresent(), next.orElse(state).promised(), state.accepted(), state.committed(),
                    state.remembers(p.requestId()), replica);
        }
    }

    public Accepted propose(Propose p) {
        synchronized (lock(p.cache(), p.key())) {
            PaxosState state = store.load(p.cache(), p.partition(), p.key());
            Optional<PaxosState> next = state.accept(p.proposal());
            next.ifPresent(s -> store.save(p.cache(), p.partition(), p.key(), s));
            return new Accepted(next.isPresent(), next.orElse(state).promised());
        }
    }

    public void commit(Commit c) {
        synchronized (lock(c.cache(), c.key())) {
            local.merge(c.cache(), c.partition(), c.key(), DvvSet.decode(c.proposal().state()), c.policy());
            PaxosState state = store.load(c.cache(), c.partition(), c.key());
            store.save(c.cache(), c.partition(), c.key(), state.commit(c.proposal()));
        }
    }

    /** Forgets the key's state if it is still settled before {@code cutoffMillis}, under the key's lock: a fresh promise is never lost. */
    boolean forgetIfSettled(String cache, int partition, byte[] key, long cutoffMillis) {
        synchronized (lock(cache, key)) {
            if (store.find(cache, partition, key).filter(s -> s.settledBefore(cutoffMillis)).isEmpty()) {
                return false;
            }
            store.remove(cache, partition, key);
            return true;
        }
    }

    /** The store this acceptor keeps its states in. */
    PaxosStore store() {
        return store;
    }

    private Object lock(String cache, byte[] key) {
        return locks[Math.floorMod(31 * cache.hashCode() + Arrays.hashCode(key), STRIPES)];
    }
}
