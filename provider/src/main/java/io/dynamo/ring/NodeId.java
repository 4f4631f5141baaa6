package io.dynamo.ring;

/** A physical node's stable name: 1-64 characters of letters, digits, '.', '_' or '-'. */
public record NodeId(String value) implements Comparable<NodeId> {
    static final int MAX_LENGTH = 64;

    public NodeId {
        checkName("node id", value);
    }

    /**
     * Shared by node ids and zone names: a small safe alphabet keeps ids usable in file names,
     * metric tags and the {@code ID@HOST:PORT/ZONE} syntax without quoting.
     */
    static void checkName(String what, String value) {
        if (value == null) {
            throw new RingException(what + " must not be null");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new RingException(what + " '" + value + "' must be 1-" + MAX_LENGTH + " characters long, is "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new RingException(what + " '" + value + "' has a bad character '" + c + "' at " + i
                        + ": only letters, digits, '.', '_' and '-' are allowed");
            }
        }
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
