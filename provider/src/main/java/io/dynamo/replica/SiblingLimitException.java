package io.dynamo.replica;

/** A write would leave more siblings than a key may hold (Riak's lesson: unbounded siblings kill a node). */
public final class SiblingLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SiblingLimitException(int siblings, int limit) {
        super("the key would hold " + siblings + " concurrent versions, over the limit of " + limit
                + ": read it and write back with the read's context to resolve them");
    }
}
