package io.dynamo.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends protocol fields to a growable array: LEB128 varints, length-prefixed bytes and strings. */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public WireWriter byte_(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public WireWriter varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter long_(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
        return this;
    }

    public WireWriter bytes(byte[] b) {
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** A count, then each array length-prefixed. */
    public WireWriter list(java.util.List<byte[]> arrays) {
        varint(arrays.size());
        for (byte[] a : arrays) {
            bytes(a);
        }
        return this;
    }

    /** An upper bound of what {@link #list} writes. */
    public static int sizeOf(java.util.List<byte[]> arrays) {
        int size = 5;
        for (byte[] a : arrays) {
            size += a.length + 5;
        }
        return size;
    }

    /** A count, then each value as a varint. */
    public WireWriter ints(int[] values) {
        varint(values.length);
        for (int v : values) {
            varint(v);
        }
        return this;
    }

    /** A presence byte, then the bytes when present. */
    public WireWriter optionalBytes(java.util.Optional<byte[]> value) {
        byte_(value.isPresent() ? 1 : 0);
        value.ifPresent(this::bytes);
        return this;
    }

    public WireWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes written; no copy when the size hint was exact. */
    public byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
