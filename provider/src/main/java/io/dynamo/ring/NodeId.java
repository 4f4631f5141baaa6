package io.dynamo.ring;

/** A physical node's stable name: 1-64 characters of letters, digits, '.', '_' or '-'. */
public record NodeId(String value) implements Comparable<NodeId> {
    public NodeId {
        throw new UnsupportedOperationException("TODO: validate, clear RingException on bad id");
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
