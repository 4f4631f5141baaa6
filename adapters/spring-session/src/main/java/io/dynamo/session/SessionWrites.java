package io.dynamo.session;

import io.dynamo.cart.ShoppingCart;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns what a request did to its session into the state to write: the first save of a session is
 * its base with every attribute; a later save is a delta of the changed attributes and the access
 * time only, each change stamped after the version the request read (so it supersedes that
 * version and nothing it did not see).
 */
final class SessionWrites {
    private final StampClock clock;
    private final AttributeCodec codec;

    SessionWrites(StampClock clock, AttributeCodec codec) {
        this.clock = clock;
        this.codec = codec;
    }

    SessionState initial(long nowMillis, int maxInactiveSeconds) {
        return new SessionState(true, nowMillis, nowMillis, maxInactiveSeconds, clock.next(), Map.of());
    }

    /** The base written by a session's first save, or under its new id after the id changed. */
    SessionState base(DynamoSession session) {
        SessionState changes = delta(session);
        SessionState stored = session.stored().state();
        SessionState whole = session.isNew() ? changes : stored.merge(changes, new AttributeMerge(codec));
        return new SessionState(true, session.getCreationTime().toEpochMilli(), whole.lastAccessedTime(),
                (int) session.getMaxInactiveInterval().toSeconds(),
                session.intervalChanged() || session.isNew() ? clock.next() : stored.maxInactiveStamp(),
                whole.attributes());
    }

    /** Only what the request changed; nothing to write when it changed nothing and touched nothing. */
    Optional<SessionState> changes(DynamoSession session) {
        SessionState delta = delta(session);
        boolean touched = delta.lastAccessedTime() != session.stored().state().lastAccessedTime();
        return touched || !delta.attributes().isEmpty() || session.intervalChanged()
                ? Optional.of(delta) : Optional.empty();
    }

    private SessionState delta(DynamoSession session) {
        TreeMap<String, AttributeValue> attributes = new TreeMap<>();
        session.changes().forEach((name, value) -> attributes.put(name, version(session, name, value)));
        boolean interval = session.intervalChanged();
        return new SessionState(false, 0, session.getLastAccessedTime().toEpochMilli(),
                interval ? (int) session.getMaxInactiveInterval().toSeconds() : 0,
                interval ? clock.next() : Stamp.ZERO, attributes);
    }

    private AttributeValue version(DynamoSession session, String name, Optional<Object> value) {
        long seen = session.stored().seen(name);
        Stamp stamp = clock.next();
        return value.map(v -> AttributeValue.set(stamp, seen, codec.encode(name, v), v instanceof ShoppingCart))
                .orElseGet(() -> AttributeValue.removal(stamp, seen));
    }
}
