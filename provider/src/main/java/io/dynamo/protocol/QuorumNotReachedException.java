package io.dynamo.protocol;

/** Fewer replicas answered than the quorum needs; the message names who answered and who did not. */
public final class QuorumNotReachedException extends DynamoException {
    private static final long serialVersionUID = 1L;

    public QuorumNotReachedException(String message) {
        super(ErrorCode.QUORUM_NOT_REACHED, message);
    }

    public QuorumNotReachedException(String message, Throwable cause) {
        super(ErrorCode.QUORUM_NOT_REACHED, message, cause);
    }
}
