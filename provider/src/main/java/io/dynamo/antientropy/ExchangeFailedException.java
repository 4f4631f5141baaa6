package io.dynamo.antientropy;

/** An exchange with a peer could not complete (peer down, not ready, timed out); the next round tries again. */
public final class ExchangeFailedException extends RuntimeException {
    public ExchangeFailedException(String message) {
        super(message);
    }

    public ExchangeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
