package io.dynamo.session;

import java.util.UUID;

/** Session ids: random UUIDs, as Spring Session's own repositories use. */
final class SessionIds {
    private SessionIds() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }
}
