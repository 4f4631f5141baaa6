package io.dynamo.cart;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issues the dots of one {@link CartStore}: never the same dot twice, and per cart a run of
 * consecutive counters, so each cart's context stays one version vector.
 *
 * <p>Why not just "the highest counter of my actor in the cart I read, plus one": a read can miss
 * this store's own last write (a sloppy quorum during a partition, §4.6, or two threads updating
 * one cart at once), and reissuing a dot would make a merge take one contribution for another
 * and drop an acknowledged add. So the store remembers the last dot it issued per cart. Why not
 * one counter across all carts: each cart would then see only some of the actor's counters and
 * keep the gaps in its dot cloud forever. The memory is bounded (least recently used carts are
 * forgotten); a cart this store does not remember, or whose last write failed (its dot may never
 * land, which would leave a gap), gets a fresh actor, derived from the store's own id. That costs
 * one version-vector entry per such event, never a wrong merge.
 */
final class DotIssuer {
    private final String storeId;
    private final int capacity;
    private final LinkedHashMap<String, Dot> lastIssued;
    private long actors;

    DotIssuer(int capacity) {
        byte[] id = new byte[9];
        new SecureRandom().nextBytes(id);
        this.storeId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        this.capacity = capacity;
        this.lastIssued = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Dot> eldest) {
                return size() > DotIssuer.this.capacity;
            }
        };
    }

    /** This store's actor id: every actor it uses starts with it. */
    String storeId() {
        return storeId;
    }

    /** A dot no update of {@code cartId} has had, following every dot of its actor that {@code observed} has seen. */
    synchronized Dot next(String cartId, ShoppingCart observed) {
        Dot last = lastIssued.get(cartId);
        String actor = last == null ? storeId + "." + Long.toString(++actors, 36) : last.actor();
        long after = Math.max(last == null ? 0 : last.counter(), observed.context().max(actor));
        Dot dot = new Dot(actor, after + 1);
        lastIssued.put(cartId, dot);
        return dot;
    }

    /** The write of {@code dot} failed: retire its actor for this cart, so no gap stays behind it. */
    synchronized void failed(String cartId, Dot dot) {
        Dot last = lastIssued.get(cartId);
        if (last != null && last.actor().equals(dot.actor())) {
            lastIssued.remove(cartId);
        }
    }
}
