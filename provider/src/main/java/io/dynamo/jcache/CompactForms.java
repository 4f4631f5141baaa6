package io.dynamo.jcache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.cache.CacheException;

/**
 * Short encodings of the types most keys and values are (String, byte[], Long, Integer), used by
 * the default codec instead of Java serialization, whose stream set-up costs microseconds and a
 * kilobyte of garbage per call. Unambiguous: a Java serialization stream always starts with its
 * magic 0xACED, and every compact form starts with a tag byte below 0x10. Decoding yields a new
 * object, so store-by-value holds.
 */
final class CompactForms {
    private static final byte STRING = 1;
    private static final byte BYTES = 2;
    private static final byte LONG = 3;
    private static final byte INTEGER = 4;

    private CompactForms() {}

    /** The compact form of {@code value}, or null when its type has none. */
    static byte[] encode(Object value) {
        Class<?> type = value.getClass();
        if (type == String.class) {
            return tagged(STRING, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (type == byte[].class) {
            return tagged(BYTES, (byte[]) value);
        } else if (type == Long.class) {
            return ByteBuffer.allocate(9).put(LONG).putLong((Long) value).array();
        } else if (type == Integer.class) {
            return ByteBuffer.allocate(5).put(INTEGER).putInt((Integer) value).array();
        }
        return null;
    }

    static boolean isCompact(byte[] bytes) {
        return bytes.length > 0 && bytes[0] >= STRING && bytes[0] <= INTEGER;
    }

    static Object decode(byte[] bytes) {
        switch (bytes[0]) {
            case STRING:
                return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            case BYTES:
                return Arrays.copyOfRange(bytes, 1, bytes.length);
            case LONG:
                check(bytes, 9);
                return ByteBuffer.wrap(bytes, 1, 8).getLong();
            case INTEGER:
                check(bytes, 5);
                return ByteBuffer.wrap(bytes, 1, 4).getInt();
            default:
                throw new CacheException("not a compact encoding: tag " + bytes[0]);
        }
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static void check(byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new CacheException("corrupt compact value: " + bytes.length + " bytes for tag " + bytes[0]);
        }
    }
}
