package io.dynamo.session;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.spi.Versioned;
import java.util.HashMap;
import java.util.Map;

/** Edits a stored session behind the repository's back, as a redeploy with changed classes would leave it. */
final class StoredSessions {
    private StoredSessions() {
    }

    /** Makes the stored value of {@code attribute} name its class with another serialVersionUID: "local class incompatible". */
    static void changeSerialVersion(SessionFixture fixture, String id, String attribute) {
        DynamoCache<String, SessionState> cache = SessionCaches.versions(SessionFixture.manager(StoredSessions.class.getClassLoader())
                .getCache(fixture.cache, String.class, SessionState.class));
        Versioned<SessionState> read = cache.getVersions(id);
        SessionState state = read.values().get(0);
        AttributeValue value = state.attributes().get(attribute);
        byte[] bytes = value.bytes().clone();
        bytes[serialVersionOffset(bytes)] ^= 0x5a;
        Map<String, AttributeValue> attributes = new HashMap<>(state.attributes());
        attributes.put(attribute, AttributeValue.set(value.stamp(), value.seen(), bytes, false));
        cache.put(id, read.context(), new SessionState(true, state.creationTime(), state.lastAccessedTime(),
                state.maxInactive(), state.maxInactiveStamp(), attributes));
    }

    /** The first byte of the serialVersionUID, which follows the class name in the stream's class descriptor. */
    private static int serialVersionOffset(byte[] bytes) {
        byte[] name = DynamoSessionRepositoryTest.Renamed.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + name.length < bytes.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (bytes[i + j] != name[j]) {
                    continue outer;
                }
            }
            return i + name.length;
        }
        throw new AssertionError("class name not in the serialized value");
    }
}
