package io.dynamo.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a certificate lets its holder do: a {@code node} everything, an {@code admin} data and
 * operator requests, a {@code client} data requests only (no gossip, hints, streams, repair, ring
 * changes or settings). Each message family declares the roles it serves.
 */
public enum Role {
    NODE, ADMIN, CLIENT;

    /** Every role: data requests and the ring a client routes by. */
    public static final Set<Role> ANYONE = Collections.unmodifiableSet(EnumSet.allOf(Role.class));
    /** Operator requests: what {@code bin/dynamo admin} sends, and nodes among themselves. */
    public static final Set<Role> OPERATORS = Collections.unmodifiableSet(EnumSet.of(NODE, ADMIN));
    /** Internal requests between nodes only: replica writes, gossip, hints, streams, anti-entropy exchanges. */
    public static final Set<Role> NODES = Collections.unmodifiableSet(EnumSet.of(NODE));

    /** The role as written in certificates and on the command line: {@code node}, {@code admin}, {@code client}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.text().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be node, admin or client, got '" + text + "'");
    }
}
