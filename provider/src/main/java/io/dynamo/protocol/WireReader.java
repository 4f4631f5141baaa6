package io.dynamo.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link WireWriter} wrote, checking every length against what remains so that a
 * malformed message is a {@link MalformedMessageException}, never an out-of-memory or a wrong read.
 */
public final class WireReader {
    /** Every empty field read shares this one: a frame of empty entries must not become as many objects. */
    private static final byte[] EMPTY = new byte[0];

    private final byte[] buf;
    private int pos;

    public WireReader(byte[] buf) {
        this.buf = buf;
    }

    public int byte_() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = byte_();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedMessageException("varint longer than 10 bytes");
    }

    public int varintInt(int max) {
        long v = varint();
        if (v < 0 || v > max) {
            throw new MalformedMessageException("value " + v + " out of range 0.." + max);
        }
        return (int) v;
    }

    public long long_() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public byte[] bytes() {
        int len = varintInt(remaining());
        if (len == 0) {
            return EMPTY;
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    /** What {@link WireWriter#list} wrote. */
    public java.util.List<byte[]> list() {
        int count = count(1);
        java.util.List<byte[]> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(bytes());
        }
        return out;
    }

    /** What {@link WireWriter#ints} wrote. */
    public int[] ints() {
        int count = count(1);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = varintInt(Integer.MAX_VALUE);
        }
        return values;
    }

    /**
     * A count of entries that take at least {@code minEntryBytes} each on the wire: bounded by
     * the bytes that remain, so that no count allocates more than the message could fill.
     */
    public int count(int minEntryBytes) {
        long v = varint();
        if (v < 0 || v > remaining() / minEntryBytes) {
            throw new MalformedMessageException("count " + v + " cannot fit in the " + remaining()
                    + " remaining bytes at " + minEntryBytes + " bytes each");
        }
        return (int) v;
    }

    /** What {@link WireWriter#optionalBytes} wrote. */
    public java.util.Optional<byte[]> optionalBytes() {
        return byte_() == 1 ? java.util.Optional.of(bytes()) : java.util.Optional.empty();
    }

    /** One byte, 0 or 1; anything else is malformed. */
    public boolean bool(String what) {
        int b = byte_();
        if (b > 1) {
            throw new MalformedMessageException(what + " must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    /** One byte naming a constant of {@code values} by its ordinal; an unknown one is malformed. */
    public <E extends Enum<E>> E ordinal(E[] values, String what) {
        int ordinal = byte_();
        if (ordinal >= values.length) {
            throw new MalformedMessageException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public int remaining() {
        return buf.length - pos;
    }

    /** Fails when bytes are left over: a message must be read whole. */
    public void end() {
        if (pos != buf.length) {
            throw new MalformedMessageException((buf.length - pos) + " trailing bytes");
        }
    }

    private void need(int n) {
        if (buf.length - pos < n) {
            throw new MalformedMessageException("truncated message");
        }
    }
}
