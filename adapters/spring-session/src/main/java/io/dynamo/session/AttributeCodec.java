package io.dynamo.session;

import io.dynamo.jcache.JavaSerializationCodec;
import java.util.Optional;

/**
 * One attribute value to bytes and back: the provider's Java serialization, its classes resolved
 * with the application's class loader (in a Boot jar the application classes are not visible to
 * the JDK's default loader). A value that cannot be read is a reason, not an exception.
 */
final class AttributeCodec {
    private final JavaSerializationCodec<Object> codec;

    AttributeCodec(ClassLoader loader) {
        this.codec = new JavaSerializationCodec<>(loader);
    }

    byte[] encode(String name, Object value) {
        try {
            return codec.encode(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("session attribute '" + name + "' cannot be stored: " + e.getMessage(), e);
        }
    }

    /** The value, or the reason it cannot be read (its class is gone or changed incompatibly). */
    Decoded decode(byte[] bytes) {
        try {
            return new Decoded(Optional.of(codec.decode(bytes)), "");
        } catch (RuntimeException e) {
            return new Decoded(Optional.empty(), String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    record Decoded(Optional<Object> value, String failure) {
    }
}
