package io.dynamo.protocol;

/** The answer to a request that has nothing to say but that it was done. */
public record Ack() implements Message {
    public static final int TYPE = 67;

    public int type() {
        return TYPE;
    }

    public void write(WireWriter out) {}

    static Ack read(WireReader in) {
        return new Ack();
    }
}
