package io.dynamo.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.session.Session;

/**
 * A session as one request sees it: the state read at its start, and the attributes it changed since
 * (only those are written back). Attribute values are deserialized on first use; one that cannot be
 * is absent for this request ({@link UnreadableAttributes} logs it once) and stays stored as it was
 * unless the request sets or removes it. Not thread-safe, like a servlet session under Spring Session.
 */
public final class DynamoSession implements Session {
    private final SessionView stored;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Boolean> changed = new HashMap<>();
    private String originalId;
    private String id;
    private Instant creationTime;
    private Instant lastAccessedTime;
    private Duration maxInactiveInterval;
    private boolean intervalChanged;
    private boolean isNew;

    DynamoSession(String id, SessionView stored, boolean isNew) {
        this.originalId = id;
        this.id = id;
        this.stored = stored;
        this.isNew = isNew;
        this.creationTime = Instant.ofEpochMilli(stored.state().creationTime());
        this.lastAccessedTime = Instant.ofEpochMilli(stored.state().lastAccessedTime());
        this.maxInactiveInterval = Duration.ofSeconds(stored.state().maxInactive());
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String changeSessionId() {
        id = SessionIds.next();
        return id;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String attributeName) {
        if (changed.containsKey(attributeName)) {
            return (T) values.get(attributeName);
        }
        return (T) values.computeIfAbsent(attributeName, name -> stored.value(name).orElse(null));
    }

    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = new TreeSet<>();
        for (String name : stored.state().attributes().keySet()) {
            if (getAttribute(name) != null) {
                names.add(name);
            }
        }
        changed.forEach((name, set) -> {
            if (set) {
                names.add(name);
            } else {
                names.remove(name);
            }
        });
        return names;
    }

    @Override
    public void setAttribute(String attributeName, Object attributeValue) {
        if (attributeValue == null) {
            removeAttribute(attributeName);
            return;
        }
        values.put(attributeName, attributeValue);
        changed.put(attributeName, true);
    }

    @Override
    public void removeAttribute(String attributeName) {
        values.remove(attributeName);
        changed.put(attributeName, false);
    }

    @Override
    public Instant getCreationTime() {
        return creationTime;
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        this.lastAccessedTime = lastAccessedTime;
    }

    @Override
    public Instant getLastAccessedTime() {
        return lastAccessedTime;
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        maxInactiveInterval = interval;
        intervalChanged = true;
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return maxInactiveInterval;
    }

    @Override
    public boolean isExpired() {
        return !maxInactiveInterval.isNegative() && !maxInactiveInterval.isZero()
                && lastAccessedTime.plus(maxInactiveInterval).compareTo(Instant.now()) <= 0;
    }

    boolean isNew() {
        return isNew;
    }

    String originalId() {
        return originalId;
    }

    SessionView stored() {
        return stored;
    }

    /** attribute name -> its new value, empty for a removal: what this request changed. */
    Map<String, Optional<Object>> changes() {
        Map<String, Optional<Object>> changes = new HashMap<>();
        changed.forEach((name, set) -> changes.put(name, set ? Optional.of(values.get(name)) : Optional.empty()));
        return changes;
    }

    boolean intervalChanged() {
        return intervalChanged;
    }

    /** After a save the session exists under its current id; its changes stay, a second save rewrites them. */
    void saved() {
        isNew = false;
        originalId = id;
    }
}
