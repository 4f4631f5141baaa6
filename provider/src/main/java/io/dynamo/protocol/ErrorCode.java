package io.dynamo.protocol;

/** Why a request failed, as sent on the wire. */
public enum ErrorCode {
    /** The request was malformed or asked for something impossible (e.g. N larger than the cluster). */
    BAD_REQUEST,
    /** Fewer than R (or W) replicas answered in time. */
    QUORUM_NOT_REACHED,
    /** A key or value over the store's limits. */
    TOO_LARGE,
    /** The key holds as many siblings as allowed: read it and write back with the context. */
    TOO_MANY_SIBLINGS,
    /** A bug or an engine failure on the node. */
    INTERNAL,
    /** The caller's certificate role is not one the request's family serves. */
    UNAUTHORIZED,
    /**
     * Node to node: a forwarded request reached a node that is no replica of its key in its own
     * ring (the two rings differ during a change); the forwarder tries the next primary. Kept
     * last: codes travel as ordinals, so a new one goes after every older one.
     */
    NOT_A_REPLICA;

    /** Every code by ordinal ({@code values()} allocates a fresh array on each call). */
    static final ErrorCode[] ALL = values();
}
