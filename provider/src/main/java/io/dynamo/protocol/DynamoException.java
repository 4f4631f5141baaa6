package io.dynamo.protocol;

/** A request the store could not carry out, with a reason meant for the user. */
public class DynamoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public DynamoException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public DynamoException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The exception a client raises for an error a node sent back. */
    public static DynamoException fromWire(ErrorCode code, String message) {
        return code == ErrorCode.QUORUM_NOT_REACHED ? new QuorumNotReachedException(message) : new DynamoException(code, message);
    }
}
