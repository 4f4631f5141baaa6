package io.dynamo.config;

import java.util.Locale;

/** The storage engine a node runs on. */
public enum EngineKind {
    ROCKSDB,
    MEMORY;

    public static EngineKind parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown engine '" + s + "' (rocksdb, memory)");
        }
    }
}
