package io.dynamo.admin;

import io.dynamo.ring.Member;
import java.util.Optional;

/** What {@code admin status} shows of one member: its state and, when it answered, what it holds. */
public record NodeStatus(Member member, boolean up, Optional<String> error, long keys, int partitionsOwned, long uptimeMillis, long epoch) {
}
