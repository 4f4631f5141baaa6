package io.dynamo.session;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.spi.Versioned;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.Cache;

/**
 * The principal name index of {@code findByPrincipalName}: principal to session ids, updated by
 * read and write with the read's context (the write supersedes exactly what it read; a concurrent
 * update stays a sibling and joins by union). An index entry left with no id is removed, so a
 * deleted or expired session leaves nothing behind.
 */
final class PrincipalIndex {
    private final Cache<String, PrincipalSessions> cache;
    private final DynamoCache<String, PrincipalSessions> versions;

    PrincipalIndex(Cache<String, PrincipalSessions> cache) {
        this.cache = cache;
        this.versions = SessionCaches.versions(cache);
    }

    Set<String> ids(String principal) {
        return merged(versions.getVersions(principal)).ids();
    }

    void add(String principal, String sessionId) {
        Versioned<PrincipalSessions> read = versions.getVersions(principal);
        PrincipalSessions current = merged(read);
        if (!current.ids().contains(sessionId)) {
            versions.put(principal, read.context(), current.with(sessionId));
        }
    }

    void remove(String principal, Set<String> sessionIds) {
        Versioned<PrincipalSessions> read = versions.getVersions(principal);
        PrincipalSessions current = merged(read);
        if (read.values().isEmpty() || !containsAny(current, sessionIds)) {
            return;
        }
        PrincipalSessions rest = current.without(sessionIds);
        if (rest.ids().isEmpty()) {
            cache.remove(principal);
        } else {
            versions.put(principal, read.context(), rest);
        }
    }

    private static boolean containsAny(PrincipalSessions sessions, Set<String> ids) {
        Set<String> common = new TreeSet<>(sessions.ids());
        common.retainAll(ids);
        return !common.isEmpty();
    }

    private static PrincipalSessions merged(Versioned<PrincipalSessions> read) {
        return read.values().isEmpty() ? new PrincipalSessions(Set.of()) : new PrincipalSessions.Union().resolve(read.values());
    }
}
