package io.dynamo.membership;

import io.dynamo.membership.MembershipMessage.Gossip;
import io.dynamo.membership.MembershipMessage.GossipResult;
import io.dynamo.membership.MembershipMessage.MembersResult;
import io.dynamo.protocol.PeerClient;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossip-based membership (paper §4.8): every {@code interval} this node raises its own
 * heartbeat and exchanges views (push-pull) with one random member, with every seed (seeds keep
 * the ring from splitting into logical partitions, §4.8.2), and with any member it has not heard
 * from directly for two intervals (so that each node's failure detector gets regular samples of
 * every peer; for the handful of nodes this store targets that is cheap).
 *
 * <p>Heartbeats count for the local {@link PhiAccrualDetector} only when they come straight from
 * the peer (its gossip, or its answer to ours): a peer another node can reach but this one cannot
 * must look down here.
 */
public final class Membership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final NodeId self;
    private final List<InetSocketAddress> seeds;
    private final PeerClient transport;
    private final PhiAccrualDetector detector;
    private final Duration interval;
    private final AtomicReference<MembershipView> view;
    private final Map<NodeId, Long> lastContact = new ConcurrentHashMap<>();
    private final List<Consumer<Ring>> ringListeners = new CopyOnWriteArrayList<>();
    private final SplittableRandom random;
    private final ScheduledExecutorService timer;

    /**
     * @param initial the view to start from; it must hold this node's own entry (its generation
     *                is this run's start, so it beats every entry of an earlier run)
     */
    public Membership(NodeId self, MembershipView initial, List<InetSocketAddress> seeds, PeerClient transport,
            PhiAccrualDetector detector, Duration interval, long randomSeed) {
        this.self = Objects.requireNonNull(self, "self");
        if (initial.entry(self).isEmpty()) {
            throw new IllegalArgumentException("the initial view must hold this node's own entry " + self);
        }
        this.seeds = List.copyOf(seeds);
        this.transport = transport;
        this.detector = detector;
        this.interval = interval;
        this.view = new AtomicReference<>(initial);
        this.random = new SplittableRandom(randomSeed);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamo-gossip-" + self);
            t.setDaemon(true);
            return t;
        });
    }

    /** This node's entry for a new run: state UP when the ring gives it partitions, else JOINING. */
    public static MemberEntry selfEntry(Member self, Ring ring, long generation) {
        MemberState state = ring.member(self.id()).isPresent() ? MemberState.UP : MemberState.JOINING;
        return new MemberEntry(self, state, generation, 0);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::roundSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public NodeId self() {
        return self;
    }

    public MembershipView view() {
        return view.get();
    }

    public Ring ring() {
        return view.get().ring();
    }

    public PhiAccrualDetector detector() {
        return detector;
    }

    /** Whether this node holds {@code id} alive: itself always, a peer by its failure detector. */
    public boolean isUp(NodeId id) {
        return id.equals(self) || detector.isUp(id);
    }

    /** Called with the new ring whenever gossip (or this node) adopts a ring of a higher epoch. */
    public void onRingChange(Consumer<Ring> listener) {
        ringListeners.add(listener);
    }

    /** Adopts {@code next} as the ring if it is newer than the current one (an admin's plan made here). */
    public void proposeRing(Ring next) {
        MembershipView current = view.get();
        merge(current.withRing(next).merge(current));
    }

    /**
     * Gossips this node's view to every other member at once, where a round reaches one member
     * and a change spreads in a few rounds of {@code interval} each (§4.8.1): a planner that flipped
     * the ring wants every node on it before its last pass. A peer adopts the view before it
     * answers, so the future completes once every member answered, or failed to within
     * {@code timeout} (a node that is down learns the ring from gossip once back); it never fails.
     * Completes with how many members answered with this node's ring epoch or a later one.
     */
    public CompletableFuture<Integer> spread(Duration timeout) {
        MembershipView v = view.get();
        long epoch = v.ring().epoch();
        Gossip message = new Gossip(self.value(), v.encode());
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (MemberEntry e : v.members().values()) {
            Member m = e.member();
            if (m.id().equals(self)) {
                continue;
            }
            answers.add(transport.call(m.address(), message, timeout).handle((answer, error) -> {
                if (error == null && answer instanceof GossipResult r) {
                    MembershipView theirs = MembershipView.decode(r.view());
                    merge(theirs);
                    return theirs.ring().epoch() >= epoch;
                }
                return false;
            }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> (int) answers.stream().filter(CompletableFuture::join).count());
    }

    /** A peer's gossip: a heartbeat of the sender, its view merged here; answers with this node's view. */
    public GossipResult handleGossip(Gossip gossip) {
        NodeId from = new NodeId(gossip.from());
        detector.heartbeat(from);
        lastContact.put(from, System.nanoTime());
        merge(MembershipView.decode(gossip.view()));
        return new GossipResult(view.get().encode());
    }

    /** What {@code admin status} shows: this node's view and whom it holds down. */
    public MembersResult members() {
        MembershipView v = view.get();
        List<String> down = new ArrayList<>();
        for (NodeId id : v.members().keySet()) {
            if (!isUp(id)) {
                down.add(id.value());
            }
        }
        return new MembersResult(v.encode(), down);
    }

    private void merge(MembershipView incoming) {
        MembershipView before;
        MembershipView after;
        do {
            before = view.get();
            after = before.merge(incoming);
            MemberEntry mine = after.entry(self).orElseThrow();
            // A ring that now gives this node partitions makes it a full member (after admin join).
            if (mine.state() == MemberState.JOINING && after.ring().member(self).isPresent()) {
                after = after.with(mine.withState(MemberState.UP));
            } else if (mine.state() == MemberState.UP && after.ring().member(self).isEmpty()
                    && before.ring().member(self).isPresent()) {
                after = after.with(mine.withState(MemberState.LEAVING)); // left the ring: its ranges are handed over
            }
        } while (after != before && !view.compareAndSet(before, after));
        if (after.ring().epoch() != before.ring().epoch()) {
            log.info("node {} adopts ring epoch {} (was {}): {}", self, after.ring().epoch(), before.ring().epoch(), after.ring());
            for (Consumer<Ring> l : ringListeners) {
                l.accept(after.ring());
            }
        }
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("gossip round failed", e);
        }
    }

    /** One gossip round. */
    void round() {
        MembershipView v;
        MembershipView beat;
        do {
            v = view.get();
            beat = v.with(v.entry(self).orElseThrow().beat());
        } while (!view.compareAndSet(v, beat));
        byte[] encoded = beat.encode();
        Map<InetSocketAddress, NodeId> targets = new LinkedHashMap<>();
        List<Member> others = new ArrayList<>();
        for (MemberEntry e : beat.members().values()) {
            if (!e.member().id().equals(self)) {
                others.add(e.member());
            }
        }
        if (!others.isEmpty()) {
            Member pick = others.get(random.nextInt(others.size()));
            targets.put(pick.address(), pick.id());
        }
        long now = System.nanoTime();
        long stale = interval.toNanos() * 2;
        for (Member m : others) {
            Long last = lastContact.get(m.id());
            if (last == null || now - last > stale) {
                targets.put(m.address(), m.id());
            }
        }
        Member me = beat.entry(self).orElseThrow().member();
        for (InetSocketAddress seed : seeds) {
            if (!(seed.getPort() == me.port() && seed.getHostString().equals(me.host()))) {
                targets.putIfAbsent(seed, idAt(others, seed));
            }
        }
        Gossip message = new Gossip(self.value(), encoded);
        targets.forEach((address, id) -> transport.call(address, message, interval).whenComplete((answer, error) -> {
            if (error == null && answer instanceof GossipResult r) {
                if (id != null) {
                    detector.heartbeat(id);
                    lastContact.put(id, System.nanoTime());
                }
                merge(MembershipView.decode(r.view()));
            } else if (id != null && DetectingPeers.isRefusal(error)) {
                detector.failed(id);
            }
        }));
    }

    private static NodeId idAt(List<Member> members, InetSocketAddress address) {
        for (Member m : members) {
            if (m.port() == address.getPort() && m.host().equals(address.getHostString())) {
                return m.id();
            }
        }
        return null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
