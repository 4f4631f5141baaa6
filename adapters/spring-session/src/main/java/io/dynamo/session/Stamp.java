package io.dynamo.session;

import java.io.Serializable;

/**
 * The identity and order of one session write: a hybrid logical time (microseconds of wall clock,
 * moved past every stamp this writer has read, so a write always orders after what it saw) and
 * the writer, a random id per repository that breaks ties between writers.
 */
record Stamp(long time, long writer) implements Serializable, Comparable<Stamp> {
    static final Stamp ZERO = new Stamp(0, 0);

    @Override
    public int compareTo(Stamp other) {
        int byTime = Long.compare(time, other.time);
        return byTime != 0 ? byTime : Long.compare(writer, other.writer);
    }

    static Stamp max(Stamp a, Stamp b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
