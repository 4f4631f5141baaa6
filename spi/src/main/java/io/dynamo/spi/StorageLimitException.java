package io.dynamo.spi;

/** A key or value larger than the store accepts. Thrown before anything is written. */
public final class StorageLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final long size;
    private final long limit;

    public StorageLimitException(String what, long size, long limit) {
        super(what + " of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.what = what;
        this.size = size;
        this.limit = limit;
    }

    /** "key" or "value". */
    public String what() {
        return what;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
