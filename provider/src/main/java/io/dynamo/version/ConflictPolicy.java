package io.dynamo.version;

import java.util.Locale;

/**
 * What a cache does with concurrent versions (DESIGN decision 3). Nodes keep siblings for both
 * {@link #SIBLINGS} and {@link #MERGE}; the client side resolves merges.
 */
public enum ConflictPolicy {
    SIBLINGS("siblings"),
    LAST_WRITE_WINS("last-write-wins"),
    MERGE("merge");

    /** Every policy by ordinal, as the wire encodes it ({@code values()} allocates on each call). */
    public static final ConflictPolicy[] ALL = values();

    private final String label;

    ConflictPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ConflictPolicy parse(String s) {
        for (ConflictPolicy p : values()) {
            if (p.label.equals(s.toLowerCase(Locale.ROOT)) || p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown conflict policy '" + s + "' (siblings, last-write-wins, merge)");
    }
}
