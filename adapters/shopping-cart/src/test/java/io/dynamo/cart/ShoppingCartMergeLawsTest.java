package io.dynamo.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The merge laws over random histories: four replicas (one actor each) add, remove, set and
 * clear lines of a few skus and now and then merge another replica's state into theirs, in any
 * order. Whatever the history, merge is a join, and the merge of every replica holds exactly
 * the adds no remove saw, with nothing left of the removed ones.
 */
class ShoppingCartMergeLawsTest {
    private static final int REPLICAS = 4;
    private static final String[] SKUS = {"book", "pen", "cup"};

    enum Kind { ADD, REMOVE, SET, CLEAR, SYNC }

    record Step(Kind kind, int replica, int sku, int quantity, int from) {
    }

    @Property(tries = 400, seed = "4207")
    void mergeIsCommutativeAssociativeAndIdempotent(@ForAll("histories") List<Step> history) {
        List<ShoppingCart> r = new Replay(history).replicas;
        for (ShoppingCart a : r) {
            assertThat(a.merge(a)).isEqualTo(a);
            for (ShoppingCart b : r) {
                assertThat(a.merge(b)).isEqualTo(b.merge(a));
                for (ShoppingCart c : r) {
                    assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
                }
            }
        }
    }

    @Property(tries = 400, seed = "4207")
    void theMergeOfAllReplicasHoldsExactlyTheAddsNoRemoveSaw(@ForAll("histories") List<Step> history) {
        Replay replay = new Replay(history);
        ShoppingCart all = ShoppingCart.empty();
        for (ShoppingCart replica : replay.replicas) {
            all = all.merge(replica);
        }
        Map<String, Integer> expected = new TreeMap<>();
        int liveDots = 0;
        for (Map.Entry<Dot, Added> e : replay.added.entrySet()) {
            if (!replay.removed.contains(e.getKey())) {
                expected.merge(e.getValue().sku, e.getValue().quantity, Integer::sum);
                liveDots++;
            }
        }
        assertThat(all.items()).isEqualTo(expected);
        int contributions = all.lines().values().stream().mapToInt(l -> l.contributions().size()).sum();
        assertThat(contributions).as("no trace of removed adds").isEqualTo(liveDots);
        assertThat(all.context().cloud()).as("every dot seen: the context is one version vector").isEmpty();
        assertThat(all.context().versionVector()).hasSizeLessThanOrEqualTo(REPLICAS);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, REPLICAS - 1),
                Arbitraries.integers().between(0, SKUS.length - 1), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, REPLICAS - 1))
                .as(Step::new);
        return step.list().ofMaxSize(40);
    }

    private record Added(String sku, int quantity) {
    }

    /** Plays a history, recording every add by its dot and every dot a remove saw: the reference the merge is checked against. */
    private static final class Replay {
        final List<ShoppingCart> replicas = new ArrayList<>();
        final Map<Dot, Added> added = new HashMap<>();
        final Set<Dot> removed = new HashSet<>();

        Replay(List<Step> history) {
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(ShoppingCart.empty());
            }
            history.forEach(this::play);
        }

        private void play(Step s) {
            ShoppingCart cart = replicas.get(s.replica);
            String sku = SKUS[s.sku];
            Dot dot = cart.nextDot("r" + s.replica);
            ShoppingCart next = switch (s.kind) {
                case ADD -> {
                    int q = Math.max(1, s.quantity);
                    added.put(dot, new Added(sku, q));
                    yield cart.add(dot, sku, q);
                }
                case REMOVE -> {
                    sawRemoved(cart, sku);
                    yield cart.remove(sku);
                }
                case SET -> {
                    sawRemoved(cart, sku);
                    if (s.quantity > 0) {
                        added.put(dot, new Added(sku, s.quantity));
                    }
                    yield cart.setQuantity(dot, sku, s.quantity);
                }
                case CLEAR -> {
                    cart.lines().keySet().forEach(k -> sawRemoved(cart, k));
                    yield cart.clear();
                }
                case SYNC -> cart.merge(replicas.get(s.from));
            };
            replicas.set(s.replica, next);
        }

        private void sawRemoved(ShoppingCart cart, String sku) {
            CartLine line = cart.lines().get(sku);
            if (line != null) {
                removed.addAll(line.contributions().keySet());
            }
        }
    }
}
