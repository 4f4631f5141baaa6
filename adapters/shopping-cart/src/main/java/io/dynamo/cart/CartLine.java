package io.dynamo.cart;

import java.io.Serializable;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sku's line: its quantity is the sum of contributions, each tagged with the dot of the add
 * that made it. A contribution is never changed, only dropped by a remove (or setQuantity) that
 * saw it, so two states always agree on the count under a dot; an add concurrent with a remove
 * is a dot the remover had not seen, and survives the merge. Immutable.
 */
final class CartLine implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Never modified after construction; never empty. */
    private final TreeMap<Dot, Integer> contributions;

    private CartLine(TreeMap<Dot, Integer> contributions) {
        this.contributions = contributions;
    }

    static CartLine of(Dot dot, int quantity) {
        TreeMap<Dot, Integer> one = new TreeMap<>();
        one.put(dot, quantity);
        return new CartLine(one);
    }

    CartLine plus(Dot dot, int quantity) {
        TreeMap<Dot, Integer> more = new TreeMap<>(contributions);
        more.put(dot, quantity);
        return new CartLine(more);
    }

    int quantity() {
        long sum = 0;
        for (int q : contributions.values()) {
            sum += q;
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    SortedMap<Dot, Integer> contributions() {
        return Collections.unmodifiableSortedMap(contributions);
    }

    /**
     * The observed-remove merge of this line (from a state that has seen {@code mine}) with
     * {@code other}'s (seen {@code theirs}); either may be absent. A contribution both hold stays; one
     * only this side holds stays unless the other side has seen its dot (then the other side
     * removed it). Empty when nothing stays.
     */
    static Optional<CartLine> merge(Optional<CartLine> line, CausalContext mine, Optional<CartLine> other, CausalContext theirs) {
        if (line.isPresent() && line.equals(other)) {
            return line; // the common case of replicas in sync: nothing to drop, nothing to copy
        }
        if (other.isEmpty() && line.map(l -> l.noneSeenBy(theirs)).orElse(false)) {
            return line;
        }
        if (line.isEmpty() && other.map(o -> o.noneSeenBy(mine)).orElse(false)) {
            return other;
        }
        TreeMap<Dot, Integer> kept = new TreeMap<>();
        line.ifPresent(l -> keepUnseen(l, other, theirs, kept));
        other.ifPresent(o -> keepUnseen(o, line, mine, kept));
        return kept.isEmpty() ? Optional.empty() : Optional.of(new CartLine(kept));
    }

    private boolean noneSeenBy(CausalContext context) {
        for (Dot d : contributions.keySet()) {
            if (context.contains(d)) {
                return false;
            }
        }
        return true;
    }

    private static void keepUnseen(CartLine from, Optional<CartLine> against, CausalContext seenThere, TreeMap<Dot, Integer> kept) {
        from.contributions.forEach((dot, q) -> {
            boolean heldThere = against.map(a -> a.contributions.containsKey(dot)).orElse(false);
            if (heldThere || !seenThere.contains(dot)) {
                kept.merge(dot, q, Math::max); // equal by uniqueness of dots; max keeps the merge symmetric regardless
            }
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CartLine other && contributions.equals(other.contributions);
    }

    @Override
    public int hashCode() {
        return contributions.hashCode();
    }

    @Override
    public String toString() {
        return contributions.toString();
    }
}
