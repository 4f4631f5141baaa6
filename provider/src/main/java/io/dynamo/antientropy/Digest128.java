package io.dynamo.antientropy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one hash of anti-entropy (paper §4.7): SHA-256 cut to 128 bits, from the JDK. The JDK's
 * SHA-256 runs on the CPU's SHA extensions where present, and keeps Bouncy Castle (7 MB) off
 * the class path of an application that only embeds a node or talks to a cluster. 128 bits are
 * plenty: a changed key or node matches its old hash with probability 2^-128.
 */
final class Digest128 {
    static final int BYTES = 16;
    private static final MessageDigest PROTOTYPE = prototype();

    private Digest128() {}

    /** A fresh digest; clones of a prototype are cheaper than a provider lookup per call. */
    static MessageDigest create() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return prototype();
        }
    }

    /** The first {@link #BYTES} bytes of the digest's result; the digest is reset. */
    static byte[] finish(MessageDigest digest) {
        byte[] full = digest.digest();
        byte[] out = new byte[BYTES];
        System.arraycopy(full, 0, out, 0, BYTES);
        return out;
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every Java SE runtime must have", e);
        }
    }
}
