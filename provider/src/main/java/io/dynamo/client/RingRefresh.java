package io.dynamo.client;

import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The client's view of the ring, learnt again when a node answers with a newer epoch: a
 * membership change moved partitions, and routing by the old ring would send requests to nodes
 * that no longer hold the key (they would still coordinate, one hop further). One fetch at a time,
 * in the background; a ring older than the one held is never taken.
 */
final class RingRefresh {
    private final Function<Member, CompletableFuture<Ring>> fetch;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile Ring ring;

    /** {@code fetch} asks a node for its ring. */
    RingRefresh(Ring initial, Function<Member, CompletableFuture<Ring>> fetch) {
        this.ring = initial;
        this.fetch = fetch;
    }

    Ring current() {
        return ring;
    }

    /** {@code from} answered with its ring at {@code epoch}: fetch that ring from it when it is newer than ours. */
    void seen(long epoch, Member from) {
        if (epoch > ring.epoch() && fetching.compareAndSet(false, true)) {
            fetch.apply(from).whenComplete((fresh, error) -> {
                if (error == null) {
                    offer(fresh);
                }
                fetching.set(false);
            });
        }
    }

    private synchronized void offer(Ring fresh) {
        if (fresh.epoch() > ring.epoch()) {
            ring = fresh;
        }
    }
}
