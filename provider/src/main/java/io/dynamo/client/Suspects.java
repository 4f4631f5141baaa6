package io.dynamo.client;

import io.dynamo.ring.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The nodes this client could not reach lately. They are tried last until seen alive: by an
 * answer to a request, or by a probe sent in the background at most once per probe interval, so
 * no request pays for a dead node's timeout. (The client's counterpart of a node's failure
 * detector, paper §4.8; kept local and simple, as the paper's is.)
 */
final class Suspects {
    private final LongSupplier nanoClock;
    private final long probeNanos;
    private final Function<Member, CompletableFuture<?>> probe;
    /** Suspect node ids, with when to probe them next. */
    private final ConcurrentHashMap<String, Long> probeAt = new ConcurrentHashMap<>();

    /** {@code probe} asks a node something cheap; its future completing normally means the node is alive. */
    Suspects(LongSupplier nanoClock, long probeNanos, Function<Member, CompletableFuture<?>> probe) {
        this.nanoClock = nanoClock;
        this.probeNanos = probeNanos;
        this.probe = probe;
    }

    /**
     * {@code preference} with suspects moved last, in their order; probes each suspect whose
     * probe is due.
     */
    List<Member> order(List<Member> preference) {
        if (probeAt.isEmpty()) {
            return preference;
        }
        long now = nanoClock.getAsLong();
        List<Member> healthy = new ArrayList<>(preference.size());
        List<Member> suspect = new ArrayList<>(1);
        for (Member m : preference) {
            Long due = probeAt.get(m.id().value());
            if (due == null) {
                healthy.add(m);
                continue;
            }
            suspect.add(m);
            if (due - now <= 0 && probeAt.replace(m.id().value(), due, now + probeNanos)) {
                probe.apply(m).whenComplete((answer, error) -> {
                    if (error == null) {
                        answered(m);
                    }
                });
            }
        }
        healthy.addAll(suspect);
        return healthy;
    }

    /** {@code m} could not be reached: tried last from now on, probed after one interval. */
    void unreachable(Member m) {
        probeAt.putIfAbsent(m.id().value(), nanoClock.getAsLong() + probeNanos);
    }

    /** {@code m} answered: it is tried in its place again. */
    void answered(Member m) {
        if (!probeAt.isEmpty()) {
            probeAt.remove(m.id().value());
        }
    }
}
