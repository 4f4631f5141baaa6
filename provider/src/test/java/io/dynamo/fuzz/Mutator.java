package io.dynamo.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Derives hostile inputs from valid ones: bit flips, edge bytes, truncations, splices of two
 * inputs, cut or repeated chunks, and huge varints or big-endian lengths written over a field.
 * Seeded: the same seed gives the same sequence of inputs.
 */
public final class Mutator {
    /** Varints and lengths a decoder must not trust: just over the limits of int, of 63 bits and of 64. */
    private static final long[] HUGE = {0x7FL, 0x80L, 0xFFFFL, Integer.MAX_VALUE, 0xFFFFFFFFL, 1L << 40, Long.MAX_VALUE, -1L};
    private static final byte[] EDGE_BYTES = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF};

    private final SplittableRandom random;

    public Mutator(long seed) {
        random = new SplittableRandom(seed);
    }

    /** One to four stacked mutations of {@code input}; {@code pool} gives the other half of a splice. */
    public byte[] mutate(byte[] input, List<byte[]> pool) {
        byte[] out = input;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            out = once(out, pool.get(random.nextInt(pool.size())));
        }
        return out;
    }

    private byte[] once(byte[] in, byte[] other) {
        switch (random.nextInt(8)) {
            case 0:
                return flipBit(in);
            case 1:
                return setByte(in, EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]);
            case 2:
                return Arrays.copyOf(in, in.length == 0 ? 0 : random.nextInt(in.length));
            case 3:
                return splice(in, other);
            case 4:
                return cut(in);
            case 5:
                return repeat(in);
            case 6:
                return insert(in, varint(HUGE[random.nextInt(HUGE.length)]));
            default:
                return overwrite(in, bigEndianInt((int) HUGE[random.nextInt(HUGE.length)]));
        }
    }

    private byte[] flipBit(byte[] in) {
        if (in.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] out = in.clone();
        int bit = random.nextInt(in.length * 8);
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    private byte[] setByte(byte[] in, byte value) {
        if (in.length == 0) {
            return new byte[] {value};
        }
        byte[] out = in.clone();
        out[random.nextInt(in.length)] = value;
        return out;
    }

    private byte[] splice(byte[] a, byte[] b) {
        int head = a.length == 0 ? 0 : random.nextInt(a.length + 1);
        int tail = b.length == 0 ? 0 : random.nextInt(b.length + 1);
        byte[] out = Arrays.copyOf(a, head + b.length - tail);
        System.arraycopy(b, tail, out, head, b.length - tail);
        return out;
    }

    private byte[] cut(byte[] in) {
        if (in.length < 2) {
            return in;
        }
        int from = random.nextInt(in.length);
        int to = from + 1 + random.nextInt(in.length - from);
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        return out;
    }

    private byte[] repeat(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(64, in.length - from));
        return insertAt(in, Arrays.copyOfRange(in, from, from + len), from);
    }

    private byte[] insert(byte[] in, byte[] piece) {
        return insertAt(in, piece, random.nextInt(in.length + 1));
    }

    private byte[] overwrite(byte[] in, byte[] piece) {
        if (in.length < piece.length) {
            return insert(in, piece);
        }
        byte[] out = in.clone();
        System.arraycopy(piece, 0, out, random.nextInt(in.length - piece.length + 1), piece.length);
        return out;
    }

    private static byte[] insertAt(byte[] in, byte[] piece, int at) {
        byte[] out = new byte[in.length + piece.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(in, at, out, at + piece.length, in.length - at);
        return out;
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] bigEndianInt(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
