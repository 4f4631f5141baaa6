package io.dynamo.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.admin.AdminMessage;
import io.dynamo.admin.AdminMessage.StatusRequest;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.protocol.OffloadedHandler;
import io.dynamo.replica.ReplicaMessage;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.transport.Frame;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Storage work blocks (an fsync, a long scan); on the single network thread of a node it would
 * hold back every other request of that thread, gossip and status among them.
 */
@Timeout(30)
class OffloadedStorageTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aBlockedStorageRequestDoesNotDelayOthersOnTheSameNetworkThread() throws Exception {
        CountDownLatch storageStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageHandler slowStorage = new MessageHandler() {
            @Override
            public MessageFamily family() {
                return ReplicaMessage.FAMILY;
            }

            @Override
            public CompletableFuture<Message> handle(Message request, Caller caller) {
                storageStarted.countDown();
                await(release); // a stalled fsync
                return MessageHandler.answer(new Ack());
            }
        };
        MessageHandler status = new MessageHandler() {
            @Override
            public MessageFamily family() {
                return AdminMessage.FAMILY;
            }

            @Override
            public CompletableFuture<Message> handle(Message request, Caller caller) {
                return MessageHandler.answer(new StatusResult("n1", 1, 0, 0, 0));
            }
        };
        ExecutorService storageThreads = StorageThreads.start();
        TransportConfig oneThread = TransportConfig.defaults("alpha").withEventLoopThreads(1);
        try (Transport server = Transport.create(oneThread); Transport client = Transport.create(oneThread.withConnectionsPerPeer(1))) {
            RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(OffloadedHandler.on(storageThreads, slowStorage), status));
            InetSocketAddress address = server.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), router);

            CompletableFuture<Frame> stalled = call(client, address, new ReplicaRead("carts", 0, new byte[] {1}));
            assertThat(storageStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Frame answer = call(client, address, new StatusRequest()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(NodeProtocol.CODEC.decode(answer.type(), answer.payload())).isInstanceOf(StatusResult.class);
            assertThat(stalled).isNotDone();
            release.countDown();
            assertThat(stalled.get(WAIT.toSeconds(), TimeUnit.SECONDS).type()).isEqualTo(Ack.TYPE);
        } finally {
            release.countDown();
            StorageThreads.stop(storageThreads);
        }
    }

    private static CompletableFuture<Frame> call(Transport client, InetSocketAddress address, Message m) {
        return client.request(address, m.type(), MessageCodec.encode(m), WAIT.multipliedBy(2));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
