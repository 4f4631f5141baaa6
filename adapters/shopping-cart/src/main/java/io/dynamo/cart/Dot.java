package io.dynamo.cart;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One event of one actor: the actor's {@code counter}-th update. A contribution to a cart line is
 * tagged with the dot of the update that made it, so a remove can name exactly the contributions
 * it saw (the dotted version vectors of Riak 2; paper §4.4 for the vector clocks they refine).
 * Dots must be unique: an actor never issues the same counter twice.
 */
public record Dot(String actor, long counter) implements Serializable, Comparable<Dot> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Dot> ORDER = Comparator.comparing(Dot::actor).thenComparingLong(Dot::counter);

    public Dot {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("a dot's actor must not be blank");
        }
        if (counter < 1) {
            throw new IllegalArgumentException("a dot's counter starts at 1, got " + counter);
        }
    }

    @Override
    public int compareTo(Dot other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return actor + ":" + counter;
    }
}
