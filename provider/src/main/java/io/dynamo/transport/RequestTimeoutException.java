package io.dynamo.transport;

/** No response arrived within the request's timeout. */
public final class RequestTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(message);
    }
}
