package io.dynamo.transport;

import io.dynamo.security.Tls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What every outgoing connection of a transport shares: settings, counters, threads, socket
 * options, source address, the group of open channels, and the TLS context when connections are
 * encrypted.
 */
record ClientSide(TransportConfig config, Counters counters, EventLoopGroup group, Bootstrap template,
                  Optional<InetAddress> outgoingFrom, ChannelGroup channels, Optional<Tls> tls) {
}
