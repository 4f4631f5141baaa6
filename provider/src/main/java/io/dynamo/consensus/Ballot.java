package io.dynamo.consensus;

import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import java.util.Comparator;
import java.util.Objects;

/**
 * A Paxos ballot: a hybrid logical clock reading of the leader and the leader's node id, ordered
 * by time then node, so two leaders never share one and a later leader's is usually higher
 * (Cassandra's lightweight transactions use a time-based ballot for the same reason).
 */
public record Ballot(long time, String node) implements Comparable<Ballot> {
    /** Below every real ballot: what an acceptor that never promised has promised. */
    public static final Ballot NONE = new Ballot(0, "");

    private static final Comparator<Ballot> ORDER = Comparator.comparingLong(Ballot::time).thenComparing(Ballot::node);

    public Ballot {
        Objects.requireNonNull(node, "node");
        if (time < 0) {
            throw new IllegalArgumentException("ballot time must be >= 0, got " + time);
        }
    }

    @Override
    public int compareTo(Ballot other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(Ballot other) {
        return compareTo(other) > 0;
    }

    public static Ballot max(Ballot a, Ballot b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    void write(WireWriter out) {
        out.varint(time).string(node);
    }

    static Ballot read(WireReader in) {
        long time = in.varint();
        if (time < 0) {
            throw new MalformedMessageException("ballot time " + time + " is negative");
        }
        return new Ballot(time, in.string());
    }

    @Override
    public String toString() {
        return time + "@" + node;
    }
}
