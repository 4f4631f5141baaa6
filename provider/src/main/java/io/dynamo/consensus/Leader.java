package io.dynamo.consensus;

import io.dynamo.consensus.ConsensusMessage.Accepted;
import io.dynamo.consensus.ConsensusMessage.Commit;
import io.dynamo.consensus.ConsensusMessage.Prepare;
import io.dynamo.consensus.ConsensusMessage.Promise;
import io.dynamo.consensus.ConsensusMessage.Propose;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.version.DvvSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Leads per-key Paxos rounds for conditional writes, as Cassandra's lightweight transactions do:
 * prepare at a majority of the key's N replicas (their promises carry the replicas' states: the
 * round's quorum read), finish an in-progress proposal first if one is newer than the latest
 * commit, else evaluate the condition on the merged state, propose the next state, and commit it
 * (a plain versioned write at each replica). A refused ballot is retried with a higher one after a
 * short random pause, until the round's deadline. The request id makes a retried request find
 * its own earlier win (committed, or in progress) and report it as applied instead of applying
 * again. Any node may lead a round for any key.
 */
public final class Leader {
    private static final int MAX_PAUSE_MILLIS = 50;

    private final String self;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final AtomicLong highestSeen = new AtomicLong();

    /** @param clock the node's hybrid logical clock: ballots follow it, above every ballot seen refused */
    public Leader(String self, LongSupplier clock, RandomGenerator random) {
        this.self = self;
        this.clock = clock;
        this.random = random;
    }

    public CompletableFuture<Decision> lead(Round round, RoundReplicas replicas) {
        return attempt(round, replicas, System.nanoTime() + round.deadline().toNanos(), 1);
    }

    /** A ballot above every ballot this leader issued or saw refused. */
    Ballot nextBallot() {
        long time = highestSeen.updateAndGet(seen -> Math.max(seen + 1, clock.getAsLong()));
        return new Ballot(time, self);
    }

    private CompletableFuture<Decision> attempt(Round round, RoundReplicas replicas, long deadline, int attempt) {
        Ballot ballot = nextBallot();
        Prepare prepare = new Prepare(round.cache(), round.partition(), round.key(), ballot, round.requestId());
        return phase(replicas, prepare, reply -> reply instanceof Promise p ? Optional.of(p.promised()) : Optional.empty(),
                reply -> ((Promise) reply).granted()).thenCompose(prepared -> switch (prepared.outcome()) {
                    case REACHED -> promised(round, replicas, deadline, attempt, ballot, prepared.replies());
                    case PREEMPTED -> retry(round, replicas, deadline, attempt, prepared.highestRefusal(), prepared.description());
                    default -> CompletableFuture.failedFuture(unreachable(round, prepared.description(), false));
                });
    }

    /** After a majority promised: finish an in-progress proposal, or answer from what is committed, or propose. */
    private CompletableFuture<Decision> promised(Round round, RoundReplicas replicas, long deadline, int attempt, Ballot ballot,
            List<Message> replies) {
        List<Promise> promises = replies.stream().map(Promise.class::cast).toList();
        Ballot lastCommit = promises.stream().map(Promise::committed).reduce(Ballot.NONE, Ballot::max);
        Optional<Proposal> inProgress = promises.stream().flatMap(p -> p.accepted().stream())
                .filter(a -> a.ballot().isAfter(lastCommit)).max(Comparator.comparing(Proposal::ballot));
        if (inProgress.isPresent()) {
            // The in-progress rule: a value some replica accepted may have been chosen; this round
            // must not decide anything else before it is finished.
            Proposal again = inProgress.get().under(ballot);
            return proposeAndCommit(round, replicas, again).thenCompose(chosen -> {
                if (chosen.outcome() != Majority.Outcome.REACHED) {
                    return chosen.outcome() == Majority.Outcome.PREEMPTED
                            ? retry(round, replicas, deadline, attempt, chosen.highestRefusal(), chosen.description())
                            : CompletableFuture.failedFuture(unreachable(round, chosen.description(), false));
                }
                return again.carries(round.requestId())
                        ? CompletableFuture.completedFuture(new Decision(true, DvvSet.decode(again.state())))
                        : attempt(round, replicas, deadline, attempt + 1);
            });
        }
        DvvSet merged = DvvSet.empty();
        for (Promise p : promises) {
            if (p.state().isPresent()) {
                merged = merged.sync(DvvSet.decode(p.state().get()));
            }
        }
        if (promises.stream().anyMatch(Promise::remembersRequest)) {
            return CompletableFuture.completedFuture(new Decision(true, merged)); // a retry of a request already committed
        }
        Optional<DvvSet> next = round.change().apply(merged);
        if (next.isEmpty()) {
            return CompletableFuture.completedFuture(new Decision(false, merged));
        }
        Proposal mine = new Proposal(ballot, round.requestId(), next.get().encode());
        DvvSet written = next.get();
        return proposeAndCommit(round, replicas, mine).thenCompose(chosen -> switch (chosen.outcome()) {
            case REACHED -> CompletableFuture.completedFuture(new Decision(true, written));
            case PREEMPTED -> retry(round, replicas, deadline, attempt, chosen.highestRefusal(), chosen.description());
            default -> CompletableFuture.failedFuture(unreachable(round, chosen.description(), true));
        });
    }

    /** Proposes, and once a majority accepted (the value is chosen), commits at every replica and waits for a majority of commits. */
    private CompletableFuture<PhaseResult> proposeAndCommit(Round round, RoundReplicas replicas, Proposal proposal) {
        Propose propose = new Propose(round.cache(), round.partition(), round.key(), proposal);
        return phase(replicas, propose, reply -> reply instanceof Accepted a ? Optional.of(a.promised()) : Optional.empty(),
                reply -> ((Accepted) reply).granted()).thenCompose(accepted -> {
                    if (accepted.outcome() != Majority.Outcome.REACHED) {
                        return CompletableFuture.completedFuture(accepted);
                    }
                    Commit commit = new Commit(round.cache(), round.partition(), round.key(), round.policy(), proposal);
                    // Chosen already: a commit that reaches fewer than a majority is finished by the next round.
                    return phase(replicas, commit, reply -> Optional.of(Ballot.NONE), reply -> true).thenApply(committed -> accepted);
                });
    }

    private CompletableFuture<Decision> retry(Round round, RoundReplicas replicas, long deadline, int attempt, Ballot refusal,
            String why) {
        highestSeen.accumulateAndGet(refusal.time(), Math::max);
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.failedFuture(new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "conditional write of a key of cache '"
                    + round.cache() + "' lost " + attempt + " ballots in a row to concurrent conditional writes (" + why
                    + "); it may still be applied by a later round"));
        }
        int pause = 1 + random.nextInt(Math.min(MAX_PAUSE_MILLIS, 5 * attempt));
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> attempt(round, replicas, deadline, attempt + 1));
    }

    private static DynamoException unreachable(Round round, String why, boolean proposed) {
        return new QuorumNotReachedException("conditional write of a key of cache '" + round.cache()
                + "' needs a majority of the key's replicas: " + why
                + (proposed ? "; the write may still be applied by a later round" : "; nothing was written"));
    }

    /**
     * Sends {@code request} to every replica; completes once a majority granted or that is out of
     * reach. {@code promisedOf} reads the ballot a reply names (empty: not a reply of this phase).
     */
    private static CompletableFuture<PhaseResult> phase(RoundReplicas replicas, ConsensusMessage request,
            Function<Message, Optional<Ballot>> promisedOf, Predicate<Message> granted) {
        Majority<Message> tally = new Majority<>(replicas.size());
        CompletableFuture<PhaseResult> result = new CompletableFuture<>();
        for (int i = 0; i < replicas.size(); i++) {
            String name = replicas.name(i);
            CompletableFuture<Message> sent;
            try {
                sent = replicas.send(i, request);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((reply, error) -> {
                PhaseResult settled;
                synchronized (tally) {
                    Majority.Outcome outcome;
                    Optional<Ballot> promised = error == null ? promisedOf.apply(reply) : Optional.empty();
                    if (promised.isEmpty()) {
                        outcome = tally.fail(name, error != null ? PeerClient.reason(error) : "unexpected " + reply);
                    } else {
                        outcome = granted.test(reply) ? tally.grant(reply) : tally.refuse(name, promised.get());
                    }
                    settled = outcome == Majority.Outcome.WAITING ? null
                            : new PhaseResult(outcome, tally.granted(), tally.highestRefusal(), tally.describe(phaseName(request)));
                }
                if (settled != null) {
                    result.complete(settled);
                }
            });
        }
        return result;
    }

    private static String phaseName(ConsensusMessage request) {
        return request instanceof Prepare ? "prepare" : request instanceof Propose ? "propose" : "commit";
    }

    /** A phase's end: its outcome, the granting replies, the highest ballot a refusal named, and a description for errors. */
    private record PhaseResult(Majority.Outcome outcome, List<Message> replies, Ballot highestRefusal, String description) {}
}
