package io.dynamo.coordinator;

import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One get's progress at its coordinator: who to ask next, when the read is answered, and what read
 * repair gets. The coordinator's own replica is one reply; of the other primaries, in preference
 * order, only as many are asked as R still needs, one more whenever one of them fails, and one more
 * on a hedge. Those the failure detector holds down are never asked (they count as failed). The
 * read completes at R replies; once every replica asked has answered or failed, also after the
 * answer, the replies are compared and the stale ones repaired (paper §5): a late answer is
 * repaired too. Each event answers whom to ask now; {@link QuorumRead} does the asking.
 */
final class ReadRound {
    private final CacheSpec cache;
    private final byte[] key;
    private final PreferenceList pl;
    private final GetQuorum quorum;
    private final ReadRepair repair;
    private final List<Member> unasked = new ArrayList<>();
    private final CompletableFuture<DvvSet> result = new CompletableFuture<>();
    private int next;
    private boolean decided;
    private boolean repaired;

    ReadRound(CacheSpec cache, byte[] key, PreferenceList pl, NodeId self, Predicate<NodeId> isUp, ReadRepair repair) {
        this.cache = cache;
        this.key = key;
        this.pl = pl;
        this.repair = repair;
        this.quorum = new GetQuorum(cache.r(), pl.primaries().size());
        for (Member m : pl.primaries()) {
            if (m.id().equals(self)) {
                continue;
            }
            if (isUp.test(m.id())) {
                unasked.add(m);
            } else {
                quorum.fail(m.id().value(), "held down by the failure detector");
            }
        }
    }

    CompletableFuture<DvvSet> result() {
        return result;
    }

    /** The coordinator's own replica's state; answers the replicas to ask at first. */
    List<Member> start(String self, Optional<DvvSet> local) {
        return settle(() -> quorum.reply(self, local), 0);
    }

    List<Member> replied(Member m, Optional<DvvSet> state) {
        return settle(() -> quorum.reply(m.id().value(), state), 0);
    }

    /** A replica asked failed or timed out: the next one is asked at once, if R still needs it. */
    List<Member> failed(Member m, String reason) {
        return settle(() -> quorum.fail(m.id().value(), reason), 0);
    }

    /** The hedge delay passed: one replica more than R needs, while the read waits and one is left to ask. */
    List<Member> hedge() {
        return settle(quorum::outcome, 1);
    }

    /** True while the read waits for replies and a replica is left to ask: a hedge could still help. */
    synchronized boolean hedgeable() {
        return !decided && next < unasked.size();
    }

    private List<Member> settle(Supplier<QuorumOutcome> step, int extra) {
        DvvSet merged;
        List<Member> ask = List.of();
        List<String> stale = List.of();
        boolean complete = false;
        String failure = null;
        synchronized (this) {
            QuorumOutcome outcome = step.get();
            merged = reconcile(quorum.merged());
            if (!decided && outcome == QuorumOutcome.REACHED) {
                decided = complete = true;
            } else if (!decided && outcome == QuorumOutcome.FAILED) {
                decided = true;
                failure = quorum.describe();
            }
            if (!decided) {
                ask = take(quorum.toAsk() + extra);
            }
            if (decided && !repaired && quorum.outstanding() == 0) {
                repaired = true;
                stale = quorum.staleReplicas();
            }
        }
        if (complete) {
            result.complete(merged);
        } else if (failure != null) {
            result.completeExceptionally(new QuorumNotReachedException(failure));
        }
        if (!stale.isEmpty()) {
            repair.repair(cache, pl, key, merged, stale);
        }
        return ask;
    }

    /** The next {@code count} replicas not asked yet, marked asked (the caller holds the lock). */
    private List<Member> take(int count) {
        List<Member> ask = new ArrayList<>(count);
        while (ask.size() < count && next < unasked.size()) {
            Member m = unasked.get(next++);
            quorum.asked(m.id().value());
            ask.add(m);
        }
        return ask;
    }

    private DvvSet reconcile(DvvSet merged) {
        return cache.policy() == ConflictPolicy.LAST_WRITE_WINS ? merged.lastWriteWins() : merged;
    }
}
