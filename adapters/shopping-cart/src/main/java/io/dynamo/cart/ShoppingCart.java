package io.dynamo.cart;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Dynamo paper's shopping cart (§4.4, §6.1) as a state CRDT: an observed-remove map of sku to
 * counter in the style of Riak's ORSWOT. Each line is a set of contributions tagged with dots, and
 * the whole cart carries one causal context of every dot it has seen. A remove drops the line and
 * keeps nothing but the context, which already names the removed dots: no tombstone per line, so
 * the state is the lines present plus one version vector. {@link #merge} keeps a contribution
 * unless the other side has seen its dot without keeping it; it is commutative, associative and
 * idempotent, so replicas that exchange states in any order converge, and an add is lost only
 * to a remove that saw it. Immutable; serializable for the cache's value codec (nodes never
 * decode it).
 *
 * <p>The edits take the {@link Dot} of the update; an actor must never issue a dot twice
 * ({@link CartStore} issues them; a single-threaded editor of its own copy may use {@link #nextDot}).
 */
public final class ShoppingCart implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ShoppingCart EMPTY = new ShoppingCart(new TreeMap<>(), CausalContext.empty());

    /** sku -> line; never modified after construction. */
    private final TreeMap<String, CartLine> lines;
    private final CausalContext context;

    private ShoppingCart(TreeMap<String, CartLine> lines, CausalContext context) {
        this.lines = lines;
        this.context = context;
    }

    /** A cart that has seen nothing. */
    public static ShoppingCart empty() {
        return EMPTY;
    }

    /** sku -> quantity, in sku order, lines with quantity > 0 only; unmodifiable. */
    public Map<String, Integer> items() {
        TreeMap<String, Integer> items = new TreeMap<>();
        lines.forEach((sku, line) -> items.put(sku, line.quantity()));
        return Collections.unmodifiableSortedMap(items);
    }

    /** The quantity of {@code sku}, 0 when the cart has no such line. */
    public int quantity(String sku) {
        CartLine line = lines.get(CartArguments.sku(sku));
        return line == null ? 0 : line.quantity();
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The join of both states: commutative, associative and idempotent. */
    public ShoppingCart merge(ShoppingCart other) {
        Objects.requireNonNull(other, "other cart");
        TreeSet<String> skus = new TreeSet<>(lines.keySet());
        skus.addAll(other.lines.keySet());
        TreeMap<String, CartLine> merged = new TreeMap<>();
        for (String sku : skus) {
            CartLine.merge(Optional.ofNullable(lines.get(sku)), context, Optional.ofNullable(other.lines.get(sku)), other.context)
                    .ifPresent(line -> merged.put(sku, line));
        }
        return new ShoppingCart(merged, context.merge(other.context));
    }

    /** Adds {@code quantity} (at least 1) of {@code sku} as a new contribution tagged {@code dot}. */
    public ShoppingCart add(Dot dot, String sku, int quantity) {
        String s = CartArguments.sku(sku);
        int q = CartArguments.added(quantity);
        CausalContext seen = withNew(dot);
        TreeMap<String, CartLine> next = new TreeMap<>(lines);
        CartLine line = lines.get(s);
        next.put(s, line == null ? CartLine.of(dot, q) : line.plus(dot, q));
        return new ShoppingCart(next, seen);
    }

    /** Drops the line of {@code sku} as this state has it: every contribution it has seen. */
    public ShoppingCart remove(String sku) {
        String s = CartArguments.sku(sku);
        if (!lines.containsKey(s)) {
            return this;
        }
        TreeMap<String, CartLine> next = new TreeMap<>(lines);
        next.remove(s);
        return new ShoppingCart(next, context);
    }

    /**
     * Replaces the contributions this state has of {@code sku} by one of {@code quantity}, tagged
     * {@code dot} (0 removes the line). A setQuantity concurrent with another edit of the line is a
     * remove of what it saw plus an add: concurrent adds and setQuantity contributions sum.
     */
    public ShoppingCart setQuantity(Dot dot, String sku, int quantity) {
        String s = CartArguments.sku(sku);
        int q = CartArguments.set(quantity);
        CausalContext seen = withNew(dot); // recorded even for 0, so the actor's dots stay contiguous
        TreeMap<String, CartLine> next = new TreeMap<>(lines);
        if (q == 0) {
            next.remove(s);
        } else {
            next.put(s, CartLine.of(dot, q));
        }
        return new ShoppingCart(next, seen);
    }

    /** Drops every line this state has; the context stays, so stale copies of them stay removed. */
    public ShoppingCart clear() {
        return lines.isEmpty() ? this : new ShoppingCart(new TreeMap<>(), context);
    }

    /** The dot after every dot of {@code actor} this state has seen: for an actor editing its own copy one edit at a time. */
    public Dot nextDot(String actor) {
        return new Dot(actor, context.max(actor) + 1);
    }

    CausalContext context() {
        return context;
    }

    SortedMap<String, CartLine> lines() {
        return Collections.unmodifiableSortedMap(lines);
    }

    private CausalContext withNew(Dot dot) {
        Objects.requireNonNull(dot, "dot");
        if (context.contains(dot)) {
            throw new IllegalArgumentException("dot " + dot + " was already used in this cart; each update needs a new dot");
        }
        return context.with(dot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShoppingCart other && lines.equals(other.lines) && context.equals(other.context);
    }

    @Override
    public int hashCode() {
        return lines.hashCode() * 31 + context.hashCode();
    }

    @Override
    public String toString() {
        return "ShoppingCart" + items() + " seen " + context;
    }
}
