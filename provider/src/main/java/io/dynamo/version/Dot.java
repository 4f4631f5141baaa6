package io.dynamo.version;

/** One event of one actor: the {@code counter}-th write coordinated by node {@code actor}. */
public record Dot(String actor, long counter) {
}
