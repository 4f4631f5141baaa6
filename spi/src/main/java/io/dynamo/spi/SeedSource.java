package io.dynamo.spi;

import java.util.List;

/**
 * Where a node or client finds its first contacts (paper §4.8.2). Seeds are only a way in:
 * membership itself is gossiped between nodes.
 */
public interface SeedSource {
    /** Seed addresses as {@code host:port}; may be empty when the source is unreachable. */
    List<String> seeds();
}
