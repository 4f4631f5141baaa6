package io.dynamo.session;

import io.dynamo.spi.ConflictResolver;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids of the sessions of one principal, as the index holds them. Concurrent index writes merge by
 * union: an id added by one request is not lost to another's removal of a different id. An id that
 * a racing removal brings back names a session that is gone or belongs to someone else; lookups check
 * every id against its session and drop those.
 */
record PrincipalSessions(Set<String> ids) implements Serializable {
    PrincipalSessions {
        ids = Collections.unmodifiableSet(new TreeSet<>(ids));
    }

    PrincipalSessions with(String id) {
        TreeSet<String> more = new TreeSet<>(ids);
        more.add(id);
        return new PrincipalSessions(more);
    }

    PrincipalSessions without(Set<String> gone) {
        TreeSet<String> fewer = new TreeSet<>(ids);
        fewer.removeAll(gone);
        return new PrincipalSessions(fewer);
    }

    static final class Union implements ConflictResolver<PrincipalSessions> {
        @Override
        public PrincipalSessions resolve(List<PrincipalSessions> siblings) {
            TreeSet<String> all = new TreeSet<>();
            siblings.forEach(s -> all.addAll(s.ids));
            return new PrincipalSessions(all);
        }
    }
}
