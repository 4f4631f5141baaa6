package io.dynamo.ring;

/** A bad ring setting or request: N larger than the member count, Q not a power of two, duplicate ids. */
public final class RingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RingException(String message) {
        super(message);
    }
}
