package io.dynamo.spi;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The opaque causal context of a read (paper §4.4): hand it back with the next put so that the
 * put supersedes exactly the versions that read saw. An empty context means "seen nothing".
 */
public final class Context {
    private static final Context EMPTY = new Context(new byte[0]);

    private final byte[] bytes;

    private Context(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Context empty() {
        return EMPTY;
    }

    public static Context of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Context(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Context[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
