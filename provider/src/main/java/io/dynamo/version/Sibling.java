package io.dynamo.version;

/**
 * One concurrent version of a key: its dot, its hybrid-logical-clock timestamp (for
 * last-write-wins), and either a value or a tombstone (deletes are versioned, DESIGN §8).
 */
public record Sibling(Dot dot, long timestamp, boolean tombstone, byte[] value) {
}
