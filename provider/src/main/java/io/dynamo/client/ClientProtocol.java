package io.dynamo.client;

import io.dynamo.bulk.BulkMessage;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.protocol.MessageCodec;

/** The message families the data client speaks to nodes (requests and their answers): the data API, bulk loading and the ring. */
public final class ClientProtocol {
    public static final MessageCodec CODEC = MessageCodec.of(CoordinatorMessage.FAMILY, MembershipMessage.FAMILY, BulkMessage.FAMILY);

    private ClientProtocol() {}
}
