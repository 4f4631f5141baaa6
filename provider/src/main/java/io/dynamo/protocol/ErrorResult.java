package io.dynamo.protocol;

/** A request that failed, with the reason the client shows to its user. Any request may be answered with one. */
public record ErrorResult(ErrorCode code, String message) implements Message {
    public static final int TYPE = 127;

    public int type() {
        return TYPE;
    }

    public int sizeHint() {
        return 16 + message.length() * 3;
    }

    public void write(WireWriter out) {
        out.byte_(code.ordinal()).string(message);
    }

    static ErrorResult read(WireReader in) {
        int code = in.byte_();
        // An unknown code comes from a newer peer: still an error, shown with its message.
        return new ErrorResult(code < ErrorCode.ALL.length ? ErrorCode.ALL[code] : ErrorCode.INTERNAL, in.string());
    }
}
