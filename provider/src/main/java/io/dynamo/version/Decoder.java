package io.dynamo.version;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link Encoder} wrote, trusting nothing: every length is checked against the bytes
 * that remain before anything is allocated (a corrupt or hostile length prefix must fail with
 * {@link IllegalArgumentException}, never an {@link OutOfMemoryError}), varints must be minimal
 * and fit in 63 bits, and strings must be well-formed UTF-8. Accepting only the canonical form
 * means that whatever decodes re-encodes to the very same bytes.
 */
final class Decoder {
    private final byte[] buf;
    private int pos;

    Decoder(byte[] buf) {
        this.buf = buf;
    }

    int remaining() {
        return buf.length - pos;
    }

    int readByte() {
        if (pos >= buf.length) {
            throw malformed("truncated");
        }
        return buf[pos++] & 0xFF;
    }

    /** An unsigned LEB128 varint of at most 63 bits, in its shortest form. */
    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw malformed("non-minimal varint");
                }
                return value;
            }
        }
        throw malformed("varint longer than 63 bits");
    }

    /** A length of bytes still to come: never more than what remains. */
    int readLength() {
        long len = readVarint();
        if (len > remaining()) {
            throw malformed("length " + len + " exceeds the " + remaining() + " remaining bytes");
        }
        return (int) len;
    }

    /** A count of items taking at least {@code minItemBytes} each: bounded by what remains. */
    int readCount(int minItemBytes) {
        long count = readVarint();
        if (count > remaining() / minItemBytes) {
            throw malformed("count " + count + " cannot fit in the " + remaining() + " remaining bytes");
        }
        return (int) count;
    }

    long readLong() {
        if (remaining() < Long.BYTES) {
            throw malformed("truncated");
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (buf[pos++] & 0xFF);
        }
        return value;
    }

    String readString() {
        int len = readLength();
        int start = pos;
        pos += len;
        for (int i = start; i < start + len; i++) {
            if (buf[i] < 0) {
                return readUtf8(start, len);
            }
        }
        // ASCII: Latin-1 decoding is exact and skips the charset decoder.
        return new String(buf, start, len, StandardCharsets.ISO_8859_1);
    }

    private String readUtf8(int start, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("invalid UTF-8 in actor");
        }
    }

    /** Steps over a length-prefixed field without copying it. */
    void skipBytes() {
        int len = readLength(); // first: "pos += readLength()" would add to pos as it was before the length was read
        pos += len;
    }

    byte[] readBytes() {
        int len = readLength();
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    void expectEnd() {
        if (pos != buf.length) {
            throw malformed((buf.length - pos) + " trailing bytes");
        }
    }

    static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("malformed version bytes: " + why);
    }
}
