package io.dynamo.version;

import java.nio.charset.StandardCharsets;

/**
 * Writes the compact binary form of versions into an array sized exactly up front (callers add
 * up {@link #varintSize} and friends first), so encoding allocates once and never copies.
 * Unsigned LEB128 varints for counts, lengths and counters; fixed big-endian 8 bytes for
 * hybrid-logical-clock timestamps (they use about 57 bits, so a varint would take 9).
 */
final class Encoder {
    private final byte[] buf;
    private int pos;

    Encoder(int size) {
        this.buf = new byte[size];
    }

    static int varintSize(long value) {
        // 1 byte per started group of 7 bits; 0 still takes a byte.
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /** UTF-8 length of {@code s} without allocating; node ids are nearly always ASCII. */
    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    void writeByte(int b) {
        buf[pos++] = (byte) b;
    }

    void writeVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    void writeLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (value >>> shift);
        }
    }

    /** Writes {@code s} as varint length + UTF-8; {@code utf8Length} as computed by {@link #utf8Length}. */
    void writeString(String s, int utf8Length) {
        writeVarint(utf8Length);
        int n = s.length();
        if (n == utf8Length) { // ASCII: one byte per char
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        } else {
            writeRaw(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    void writeRaw(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    byte[] toArray() {
        if (pos != buf.length) {
            throw new IllegalStateException("encoded " + pos + " bytes, sized for " + buf.length);
        }
        return buf;
    }
}
