package io.dynamo.storage;

/** A storage engine failed to open, read or write (an I/O or engine error, not bad input). */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
