package io.dynamo.admin;

import io.dynamo.membership.MemberState;
import io.dynamo.ring.Member;

/**
 * One member as the cluster's gossip shows it to a client: where it listens, its state (the
 * gossiped one, or {@link MemberState#DOWN} when the answering node's failure detector holds it
 * down) and how many partitions the ring gives it.
 */
public record MemberView(Member member, MemberState state, int partitions) {
}
