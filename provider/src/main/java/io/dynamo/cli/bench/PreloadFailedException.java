package io.dynamo.cli.bench;

/** The preload could not write every key (an operation kept failing, or it ran past its timeout). */
public final class PreloadFailedException extends RuntimeException {
    public PreloadFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public PreloadFailedException(String message) {
        super(message);
    }
}
