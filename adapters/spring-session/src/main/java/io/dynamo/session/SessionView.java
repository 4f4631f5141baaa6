package io.dynamo.session;

import java.util.Optional;

/** A stored session state with the means to read its attributes: what one request loaded. */
record SessionView(SessionState state, AttributeCodec codec, UnreadableAttributes unreadable) {
    /** The attribute's value; empty when absent, removed, or not deserializable (logged once). */
    Optional<Object> value(String name) {
        AttributeValue stored = state.attributes().get(name);
        if (stored == null || stored.removed()) {
            return Optional.empty();
        }
        AttributeCodec.Decoded decoded = codec.decode(stored.bytes());
        if (decoded.value().isEmpty()) {
            unreadable.report(name, stored.stamp(), decoded.failure());
        }
        return decoded.value();
    }

    /** The stamp time of the version of {@code name} this request read, 0 when it read none. */
    long seen(String name) {
        AttributeValue stored = state.attributes().get(name);
        return stored == null ? 0 : stored.stamp().time();
    }
}
