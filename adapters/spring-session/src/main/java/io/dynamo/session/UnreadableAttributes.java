package io.dynamo.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each stored attribute version that cannot be deserialized once (not on every request that
 * reads it): usually its class changed in a redeploy, and the request goes on without it instead
 * of failing with a 500. Remembers the most recent versions only, so memory stays bounded.
 */
final class UnreadableAttributes {
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableAttributes.class);
    private static final int REMEMBERED = 10_000;

    private final Set<String> reported = Collections.newSetFromMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** Logs the failure unless this version of the attribute was reported before; says whether it logged. */
    boolean report(String attribute, Stamp version, String failure) {
        boolean first;
        synchronized (reported) {
            first = reported.add(attribute + '@' + version.time() + '/' + version.writer());
        }
        if (first) {
            LOG.warn("session attribute '{}' cannot be deserialized and is treated as absent: {}", attribute, failure);
        }
        return first;
    }
}
