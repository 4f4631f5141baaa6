package io.dynamo.session;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cache holds for one session: its times and its attributes as versioned registers. A save
 * writes only what the request changed (a <em>delta</em>: no base, only the changed attributes) as
 * a version concurrent with whatever is stored, and the cache's merge joins the siblings on the next
 * read (paper §4.4: reconciliation at read time), so concurrent requests that change different
 * attributes both survive. Only a session's first save writes a base; a state without one (deltas
 * written after a delete, or by a request racing it) is no session. The merge is deterministic and
 * symmetric: every reader of the same siblings writes back the same state.
 *
 * @param base whether a first save (creation time and interval) is part of this state
 * @param creationTime epoch ms
 * @param lastAccessedTime epoch ms, the latest any request set
 * @param maxInactive seconds (0 or less: never expires), with the stamp of the write that set it
 */
record SessionState(boolean base, long creationTime, long lastAccessedTime, int maxInactive, Stamp maxInactiveStamp,
                    Map<String, AttributeValue> attributes) implements Serializable {
    SessionState {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    SessionState merge(SessionState other, AttributeMerge attributeMerge) {
        TreeMap<String, AttributeValue> merged = new TreeMap<>(attributes);
        other.attributes.forEach((name, value) -> merged.merge(name, value, attributeMerge::merge));
        boolean laterInterval = other.maxInactiveStamp.compareTo(maxInactiveStamp) > 0;
        long created = !base ? other.creationTime : !other.base ? creationTime : Math.min(creationTime, other.creationTime);
        return new SessionState(base || other.base, created, Math.max(lastAccessedTime, other.lastAccessedTime),
                laterInterval ? other.maxInactive : maxInactive, Stamp.max(maxInactiveStamp, other.maxInactiveStamp),
                merged);
    }

    /** Whether no request has touched the session for its max inactive interval at {@code nowMillis}. */
    boolean expiredAt(long nowMillis) {
        return maxInactive > 0 && lastAccessedTime + maxInactive * 1000L <= nowMillis;
    }

    /** The largest stamp time in this state, which the writer's clock must move past. */
    long latestTime() {
        long latest = maxInactiveStamp.time();
        for (AttributeValue value : attributes.values()) {
            latest = Math.max(latest, value.stamp().time());
        }
        return latest;
    }
}
