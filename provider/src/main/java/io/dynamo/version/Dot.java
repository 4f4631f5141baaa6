package io.dynamo.version;

import java.util.Comparator;
import java.util.Objects;

/** One event of one actor: the {@code counter}-th write coordinated by node {@code actor}. */
public record Dot(String actor, long counter) {
    /** The canonical order of siblings: by actor, then counter. */
    static final Comparator<Dot> ORDER = Dot::compare;

    public Dot {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor must not be empty");
        }
        if (counter < 1) {
            throw new IllegalArgumentException("dot counter must be >= 1, got " + counter);
        }
    }

    static int compare(Dot x, Dot y) {
        int c = x.actor.compareTo(y.actor);
        return c != 0 ? c : Long.compare(x.counter, y.counter);
    }

    @Override
    public String toString() {
        return actor + ":" + counter;
    }
}
