package io.dynamo.session;

import io.dynamo.spi.ConflictResolver;
import java.util.List;

/** The session cache's conflict resolver: joins concurrent session states (siblings) attribute by attribute. */
final class SessionStateMerge implements ConflictResolver<SessionState> {

    @Override
    public SessionState resolve(List<SessionState> siblings) {
        AttributeMerge attributes = new AttributeMerge(new AttributeCodec(SessionStateMerge.class.getClassLoader()));
        SessionState merged = siblings.get(0);
        for (SessionState s : siblings.subList(1, siblings.size())) {
            merged = merged.merge(s, attributes);
        }
        return merged;
    }
}
