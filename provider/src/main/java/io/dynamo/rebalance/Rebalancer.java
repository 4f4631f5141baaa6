package io.dynamo.rebalance;

import io.dynamo.membership.Membership;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.rebalance.ChangeClaims.Claim;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.rebalance.RebalanceMessage.ClaimChange;
import io.dynamo.rebalance.RebalanceMessage.ClaimResult;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PartitionMove;
import io.dynamo.ring.Ring;
import io.dynamo.ring.RingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a join or a leave planned at this node (paper §4.9 "adding/removing storage
 * nodes": the nodes that give up a key range transfer it to the new owner). The plan is
 * {@link Ring#join}/{@link Ring#leave}, which moves as few partitions as possible; its moves are
 * made in steps of {@value #MOVES_PER_STEP} partitions, while reads and writes go on: first the
 * data each node newly responsible for one of the step's partitions (in some key's top N) needs
 * is streamed to it from a current replica, all of the step's streams at once, then the ring with
 * those partitions' new owners is gossiped. Ownership thus flips a few partitions at a time,
 * each only after its data arrived. At the end, once every node has adopted the final
 * ring, a second pass brings every replica of the final ring that was not one before the change
 * up to every former replica, by comparing Merkle trees ({@link RangeCopier#catchUp}): writes
 * that reached old replicas between a range's first stream and the ring's spread are carried
 * over too, and only those travel (merges are idempotent, so a repeated key is harmless).
 *
 * <p>A node that crashes mid-transfer does not lose the change: a target or source that is down
 * is waited for (up to two minutes), and the planner saves the plan (original and target rings)
 * in its data directory when it makes it, so that after a crash it resumes from the ring gossip
 * holds, at the step it had reached, by itself on restart or when the same command is given again.
 *
 * <p>One change at a time in the cluster: a planner first wins the votes of a majority of the
 * ring's members ({@link ChangeClaims}), so a second change planned elsewhere meanwhile is
 * refused before it moves anything. Preference lists are reckoned with each cache's own
 * N ({@link CacheReplicas}): a range goes to every node that becomes one of the first N replicas
 * for some cache, with only the keys of those caches.
 */
public final class Rebalancer {
    private static final Logger log = LoggerFactory.getLogger(Rebalancer.class);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** How long a replica write sent just before its coordinator adopted a new ring may still be on its way. */
    private static final Duration IN_FLIGHT = Duration.ofMillis(500);
    /**
     * Partitions whose owner flips in one step: their streams run at the same time, so a step's
     * latency (a scan, a frame's trip, the new owner's merge, the acknowledgement) is paid once for
     * all of them, by as many streams as the copier runs at once. One partition a step left the
     * streams mostly waiting (a join of 80 MB streamed at 17 MB/s, the new owner's merge threads a
     * quarter busy); eight overlap them while ownership still flips a few partitions at a time.
     */
    static final int MOVES_PER_STEP = 8;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);

    private final Membership membership;
    private final PeerClient peers;
    private final Duration streamTimeout;
    private final CacheReplicas caches;
    private final ChangeClaims votes;
    private final Claimant claimant;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynamo-change-claim");
        t.setDaemon(true);
        return t;
    });
    /** The change under way here ("join ID" or "leave ID"), to tell a client's retry of it from another change; empty when none. */
    private volatile String underWay = "";
    private volatile Progress progress = new Progress("no change planned here", false, 0, 0, 0, 0, 0, "");
    private volatile long startedNanos;

    private record Progress(String description, boolean running, int moved, int total, long keys, long bytes, long elapsedMillis,
            String error) {}


    private final SavedPlan saved;

    /**
     * @param stateDir where the plan under way is kept, so that this node resumes it after a crash
     * @param caches   the N of every cache, which decides who is a replica of what
     */
    public Rebalancer(Membership membership, PeerClient peers, Duration streamTimeout, Path stateDir, CacheReplicas caches) {
        this.membership = membership;
        this.caches = caches;
        this.votes = new ChangeClaims(membership.self().value(), Claimant.LEASE);
        this.claimant = new Claimant(membership.self(), votes, peers, CLAIM_TIMEOUT);
        this.peers = peers;
        this.streamTimeout = streamTimeout;
        this.saved = new SavedPlan(stateDir);
    }

    /**
     * Resumes, in the background, a change this node was carrying out when it stopped: its target
     * ring was saved when it was planned, and the moves still missing are those from the ring
     * gossip holds now (waited for a few seconds, so the ring of the last step made is known).
     */
    public void resumeSaved() {
        Optional<SavedPlan.Plan> plan = saved.load();
        if (plan.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(SETTLE.toMillis());
                SavedPlan.Plan s = plan.get();
                Ring current = membership.ring();
                synchronized (this) {
                    if (progress.running()) {
                        return;
                    }
                    claiming(s.description(), "");
                }
                claimAndBegin(s.description(), "resumed " + s.description(), s.start(), current, s.target()).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("the saved change was not resumed: {}", PeerClient.unwrap(e).getMessage());
            }
        }, "dynamo-rebalance-resume");
        t.setDaemon(true);
        t.start();
    }


    /**
     * Plans a join ({@code member} ID@HOST:PORT) or leave ({@code member} ID) and starts it in the
     * background once a majority of the ring's members voted for it ({@link ChangeClaims}):
     * completes with its first progress, or fails with the reason it was refused (another change
     * holds the ring, or the ring moved on since it was planned). The same change asked again
     * here while it runs (a client's retry after a timeout) is answered with its progress.
     */
    public CompletableFuture<ChangeProgress> start(boolean join, String member) {
        NodeId id = parseId(member);
        String key = (join ? "join " : "leave ") + id;
        Ring current;
        Ring original;
        Ring target;
        String what;
        String claimWhat;
        synchronized (this) {
            if (progress.running()) {
                if (key.equals(underWay)) {
                    return CompletableFuture.completedFuture(status());
                }
                throw new IllegalArgumentException("a change is already in progress here: " + progress.description());
            }
            current = membership.ring();
            Optional<SavedPlan.Plan> plan = saved.load();
            if (plan.isPresent() && plan.get().target().member(id).isPresent() == join) {
                // The same change, stopped halfway (this node crashed, or a node it waited for did not come back): go on.
                claimWhat = plan.get().description();
                what = "resumed " + claimWhat;
                original = plan.get().start();
                target = plan.get().target();
            } else {
                Planned planned = plan(current, join, member);
                claimWhat = planned.what();
                what = claimWhat;
                original = current;
                target = planned.target();
            }
            claiming(claimWhat, key);
        }
        return claimAndBegin(claimWhat, what, original, current, target);
    }

    /** Marks this node busy with a change whose votes are being asked for. */
    private void claiming(String what, String key) {
        underWay = key;
        startedNanos = System.nanoTime();
        progress = new Progress("asking the members to agree to " + what, true, 0, 0, 0, 0, 0, "");
    }

    /** Wins the members' votes for a change planned from {@code current}, then saves the plan and starts it. */
    private CompletableFuture<ChangeProgress> claimAndBegin(String claimWhat, String what, Ring original, Ring current, Ring target) {
        Claim claim = new Claim(claimWhat, membership.self().value(), current.epoch());
        return claimant.acquire(current, claim).thenApply(outcome -> {
            synchronized (this) {
                if (!outcome.won()) {
                    stopped(claimWhat, "refused: " + outcome.refusal());
                    log.info("{} refused: {}", claimWhat, outcome.refusal());
                    throw new DynamoException(ErrorCode.BAD_REQUEST, "change refused: " + outcome.refusal());
                }
                try {
                    if (original == current) {
                        saved.save(claimWhat, current, target);
                    }
                    return begin(what, original, current, target, claim, outcome.voters());
                } catch (RuntimeException e) {
                    claimant.release(outcome.voters(), claim);
                    stopped(claimWhat, e.getMessage() == null ? e.toString() : e.getMessage());
                    throw e;
                }
            }
        });
    }

    /** This node no longer busy with the change: it stopped before it began, for {@code error}. */
    private void stopped(String what, String error) {
        underWay = "";
        progress = new Progress(what, false, 0, 0, 0, 0, 0, error);
    }

    /** A vote asked of this node by a planner ({@link ChangeClaims}). */
    public ClaimResult vote(ClaimChange c) {
        Claim claim = new Claim(c.what(), c.planner(), c.baseEpoch());
        if (c.release()) {
            votes.release(claim);
            return new ClaimResult(true, "");
        }
        ChangeClaims.Vote v = votes.claim(claim, membership.ring().epoch(), System.nanoTime());
        return new ClaimResult(v.granted(), v.reason());
    }

    /**
     * Plans the change without carrying it out (a dry run): completes with the partitions that
     * would move and the keys and bytes that would be streamed, asked of a current replica of
     * each; nothing is saved or moved.
     */
    public CompletableFuture<ChangeProgress> plan(boolean join, String member) {
        Ring current = membership.ring();
        Planned planned = plan(current, join, member);
        return new DryRun(peers, streamTimeout).estimate(planned.what(), current, planned.target(), caches);
    }

    private record Planned(String what, Ring target) {}

    private static Planned plan(Ring current, boolean join, String member) {
        try {
            if (join) {
                Member m = Member.parse(member);
                return new Planned("join of " + m, current.join(m));
            }
            NodeId id = parseId(member);
            return new Planned("leave of " + id, current.leave(id));
        } catch (RingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** What a change means in partitions: the summary both a plan and a dry run print. */
    static String describe(String what, Ring current, Ring target) {
        return what + ": " + current.movesTo(target).size() + " of " + current.partitionCount() + " partitions move; after: "
                + target.partitionCounts();
    }

    /** Starts the moves from {@code current} to {@code target} of a change planned on {@code original}, holding {@code voters}' votes. */
    private ChangeProgress begin(String what, Ring original, Ring current, Ring target, Claim claim, List<Member> voters) {
        List<PartitionMove> moves = current.movesTo(target);
        String description = describe(what, current, target);
        startedNanos = System.nanoTime();
        progress = new Progress(description, true, 0, moves.size(), 0, 0, 0, "");
        log.info("planned {}", description);
        ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(() -> claimant.renew(voters, claim, membership.ring().epoch()),
                Claimant.RENEW.toMillis(), Claimant.RENEW.toMillis(), TimeUnit.MILLISECONDS);
        Thread worker = new Thread(() -> {
            try {
                run(original, current, target, moves);
            } finally {
                renewal.cancel(false);
                claimant.release(voters, claim);
                underWay = "";
            }
        }, "dynamo-rebalance");
        worker.setDaemon(true);
        worker.start();
        return status();
    }

    public ChangeProgress status() {
        Progress p = progress;
        long elapsed = p.running() ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) : p.elapsedMillis();
        return new ChangeProgress(p.description(), p.running(), p.moved(), p.total(), p.keys(), p.bytes(), elapsed, p.error());
    }

    private void run(Ring original, Ring start, Ring target, List<PartitionMove> moves) {
        List<Member> during = new ArrayList<>(start.members());
        for (Member m : target.members()) {
            if (!during.contains(m)) {
                during.add(m);
            }
        }
        RangeCopier copier = new RangeCopier(peers, streamTimeout, PATIENCE);
        try {
            Ring ring = start;
            for (int from = 0; from < moves.size(); from += MOVES_PER_STEP) {
                int to = Math.min(moves.size(), from + MOVES_PER_STEP);
                Ring next = ring;
                for (int i = from; i < to; i++) {
                    PartitionMove move = moves.get(i);
                    next = next.withOwner(move.partition(), move.to(), i == moves.size() - 1 ? target.members() : during);
                }
                copier.stream(Transfers.between(ring, next, caches));
                membership.proposeRing(next);
                ring = next;
                update(to, copier, true, "");
            }
            log.info("{} partitions moved in {} ms, {} keys and {} bytes streamed; the last pass follows once the ring settled", moves.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), copier.keys(), copier.bytes());
            settle(ring);
            copier.catchUp(Transfers.between(original, ring, caches)); // every final replica that was not one before, from every former replica
            saved.delete();
            update(moves.size(), copier, false, "");
            log.info("change done: {} partitions moved, {} keys and {} bytes streamed", moves.size(), copier.keys(), copier.bytes());
        } catch (Exception e) {
            log.warn("change stopped: {}", e.toString());
            update(progress.moved(), copier, false, e.getMessage() == null ? e.toString() : e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            copier.close();
        }
    }

    /**
     * Waits until every node routes with the final ring, before the last pass compares trees: the
     * ring is pushed to every member at once (where gossip would take a few one-second rounds),
     * then replica writes a coordinator sent under the former ring just before it adopted the
     * final one are given {@link #IN_FLIGHT} to land. A member that does not answer within
     * {@link #SETTLE} learns the ring from gossip later; the wait never lasts longer than that.
     */
    private void settle(Ring ring) throws InterruptedException {
        long begin = System.nanoTime();
        try {
            int adopted = membership.spread(SETTLE).get(SETTLE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            log.info("ring epoch {} adopted by {} of {} other members in {} ms", ring.epoch(), adopted,
                    membership.view().members().size() - 1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        } catch (ExecutionException | TimeoutException e) {
            log.info("ring epoch {} not confirmed by every member ({}); gossip spreads it", ring.epoch(), e.toString());
        }
        Thread.sleep(IN_FLIGHT.toMillis());
    }

    private static NodeId parseId(String member) {
        int at = member.indexOf('@');
        try {
            return new NodeId(at < 0 ? member : member.substring(0, at));
        } catch (RingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void update(int moved, RangeCopier copier, boolean running, String error) {
        Progress p = progress;
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        progress = new Progress(p.description(), running, moved, p.total(), copier.keys(), copier.bytes(), elapsed, error);
    }
}
