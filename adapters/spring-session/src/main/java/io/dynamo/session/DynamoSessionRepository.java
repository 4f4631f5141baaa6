package io.dynamo.session;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;

/**
 * Spring Session's sessions kept in a Dynamo cache under the merge policy. A save writes only what the
 * request changed, as a version concurrent with what is stored; the next read merges the siblings
 * attribute by attribute ({@link SessionState}), so simultaneous requests to one session do not
 * overwrite each other (the complaint users of the Redis, JDBC and Hazelcast stores share). Sessions
 * expire after their max inactive interval since the last access: a read finds an expired session
 * absent, deletes it and publishes {@link SessionExpiredEvent}; {@link #sweepExpired} does the same for
 * sessions nobody reads. Thread-safe.
 */
public final class DynamoSessionRepository implements FindByIndexNameSessionRepository<DynamoSession> {
    private final Cache<String, SessionState> sessions;
    private final DynamoCache<String, SessionState> versions;
    private final PrincipalIndex principals;
    private final IndexResolver<Session> indexResolver = new PrincipalNameIndexResolver<>();
    private final Duration defaultTimeout;
    private final ApplicationEventPublisher events;
    private final StampClock clock;
    private final AttributeCodec codec;
    private final SessionWrites writes;
    private final UnreadableAttributes unreadable = new UnreadableAttributes();

    DynamoSessionRepository(CacheManager manager, String cacheName, Duration defaultTimeout,
                            ApplicationEventPublisher events, Clock clock) {
        this.sessions = SessionCaches.open(manager, cacheName, SessionState.class, new SessionStateMerge());
        this.versions = SessionCaches.versions(sessions);
        this.principals = new PrincipalIndex(SessionCaches.open(manager, cacheName + "-principals",
                PrincipalSessions.class, new PrincipalSessions.Union()));
        this.defaultTimeout = defaultTimeout;
        this.events = events;
        this.clock = new StampClock(clock, ThreadLocalRandom.current().nextLong());
        this.codec = new AttributeCodec(manager.getClassLoader());
        this.writes = new SessionWrites(this.clock, codec);
    }

    /**
     * A repository over the cache {@code cacheName} of {@code manager} (a Dynamo cache manager), and
     * {@code cacheName + "-principals"} for the principal index; both are created when missing.
     * Events go to {@code events}; new sessions get {@code defaultTimeout} as max inactive interval.
     */
    public static DynamoSessionRepository create(CacheManager manager, String cacheName, Duration defaultTimeout,
                                                 ApplicationEventPublisher events) {
        Objects.requireNonNull(manager, "cache manager");
        Objects.requireNonNull(cacheName, "cache name");
        Objects.requireNonNull(defaultTimeout, "default timeout");
        Objects.requireNonNull(events, "event publisher");
        if (cacheName.isBlank()) {
            throw new IllegalArgumentException("the session cache name must not be blank");
        }
        return new DynamoSessionRepository(manager, cacheName, defaultTimeout, events, Clock.systemUTC());
    }

    @Override
    public DynamoSession createSession() {
        SessionState initial = writes.initial(clock.clock().millis(), (int) defaultTimeout.toSeconds());
        return new DynamoSession(SessionIds.next(), view(initial), true);
    }

    @Override
    public void save(DynamoSession session) {
        if (session.isNew()) {
            write(session.getId(), writes.base(session));
            index(session, true);
            session.saved();
            events.publishEvent(new SessionCreatedEvent(this, session));
        } else if (!session.getId().equals(session.originalId())) {
            changeId(session);
        } else {
            writes.changes(session).ifPresent(delta -> write(session.getId(), delta));
            index(session, false);
        }
    }

    /** The id changed (session fixation protection): the same session under a new key, no destroyed or created event. */
    private void changeId(DynamoSession session) {
        String old = session.originalId();
        if (read(old).isEmpty()) {
            return; // deleted meanwhile: do not bring it back under a new id
        }
        write(session.getId(), writes.base(session));
        sessions.remove(old);
        principal(session.stored()).ifPresent(p -> principals.remove(p, Set.of(old)));
        index(session, true);
        session.saved();
    }

    @Override
    public DynamoSession findById(String id) {
        Optional<SessionState> state = read(id);
        if (state.isEmpty()) {
            return null;
        }
        DynamoSession session = new DynamoSession(id, view(state.get()), false);
        if (state.get().expiredAt(clock.clock().millis())) {
            remove(session);
            events.publishEvent(new SessionExpiredEvent(this, session));
            return null;
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        Optional<SessionState> state = read(id);
        if (state.isPresent()) {
            DynamoSession session = new DynamoSession(id, view(state.get()), false);
            remove(session);
            events.publishEvent(new SessionDeletedEvent(this, session));
        }
    }

    @Override
    public Map<String, DynamoSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, DynamoSession> found = new HashMap<>();
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
            return found;
        }
        for (String id : principals.ids(indexValue)) {
            DynamoSession session = findById(id);
            if (session != null && indexValue.equals(indexResolver.resolveIndexesFor(session).get(indexName))) {
                found.put(id, session);
            } else if (session == null) {
                principals.remove(indexValue, Set.of(id)); // a stale id a racing removal brought back
            }
        }
        return found;
    }

    /** Deletes every stored session past its interval, publishing {@link SessionExpiredEvent}s; returns how many. */
    public int sweepExpired() {
        int expired = 0;
        for (Cache.Entry<String, SessionState> entry : sessions) {
            if (entry.getValue().base() && entry.getValue().expiredAt(clock.clock().millis()) && findById(entry.getKey()) == null) {
                expired++;
            }
        }
        return expired;
    }

    private void remove(DynamoSession session) {
        sessions.remove(session.originalId());
        principal(session.stored()).ifPresent(p -> principals.remove(p, Set.of(session.originalId())));
    }

    /** Follows a change of principal; {@code always}: (re)indexes even an unchanged one, for a session new under its id. */
    private void index(DynamoSession session, boolean always) {
        String principal = indexResolver.resolveIndexesFor(session).get(PRINCIPAL_NAME_INDEX_NAME);
        Optional<String> before = principal(session.stored());
        if (!always && before.equals(Optional.ofNullable(principal))) {
            return; // the common request: no index read or write
        }
        if (before.isPresent() && !before.get().equals(principal)) {
            principals.remove(before.get(), Set.of(session.getId()));
        }
        if (principal != null) {
            principals.add(principal, session.getId());
        }
    }

    private Optional<String> principal(SessionView stored) {
        DynamoSession loaded = new DynamoSession("", stored, false);
        return Optional.ofNullable(indexResolver.resolveIndexesFor(loaded).get(PRINCIPAL_NAME_INDEX_NAME));
    }

    /** The merged stored state; empty when there is none, or only deltas without a base (written after a delete). */
    private Optional<SessionState> read(String id) {
        Versioned<SessionState> read = versions.getVersions(id);
        if (read.values().isEmpty()) {
            return Optional.empty();
        }
        SessionState state = new SessionStateMerge().resolve(read.values());
        clock.observe(state.latestTime());
        return state.base() ? Optional.of(state) : Optional.empty();
    }

    private void write(String id, SessionState state) {
        versions.put(id, Context.empty(), state);
    }

    private SessionView view(SessionState state) {
        return new SessionView(state, codec, unreadable);
    }
}
