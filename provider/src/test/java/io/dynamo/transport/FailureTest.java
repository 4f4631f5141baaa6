package io.dynamo.transport;

import static io.dynamo.transport.Peers.ECHO;
import static io.dynamo.transport.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Unreachable peers, silent handlers, dropped connections: every wait ends, with the right exception. */
@Timeout(60)
class FailureTest {
    private final List<Transport> transports = new ArrayList<>();

    @AfterEach
    void closeAll() {
        transports.forEach(Transport::close);
    }

    private Transport transport(TransportConfig config) {
        Transport transport = Transport.create(config);
        transports.add(transport);
        return transport;
    }

    @Test
    void aPeerThatIsDownFailsTheRequestWithinTheConnectTimeout() throws Exception {
        InetSocketAddress down = freeAddress();
        Transport client = transport(Peers.config("alpha").withReconnectBackoff(Duration.ofSeconds(30)));
        long start = System.nanoTime();

        CompletableFuture<Frame> first = client.request(down, ECHO, new byte[0], Duration.ofSeconds(30));

        assertThatThrownBy(() -> first.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isExactlyInstanceOf(TransportException.class)
                .hasMessageContaining("cannot connect to peer " + down);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        // While connects are known to fail the peer is not dialled again.
        CompletableFuture<Frame> second = client.request(down, ECHO, new byte[0], Duration.ofSeconds(30));
        assertThat(second).isCompletedExceptionally();
        assertThatThrownBy(second::join).cause().hasMessageContaining("not retrying");
        assertThat(client.metrics().connectFailures()).isEqualTo(1);
    }

    @Test
    void aPeerThatComesBackIsReachedAgainAfterTheBackoff() throws Exception {
        InetSocketAddress address = freeAddress();
        Transport client = transport(Peers.config("alpha").withReconnectBackoff(Duration.ofMillis(50)));
        assertThat(client.request(address, ECHO, new byte[0], WAIT)).failsWithin(WAIT);

        Transport server = transport(Peers.config("alpha"));
        server.serve(address, Peers.echo());

        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(client.request(address, ECHO, new byte[] {4}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS)
                        .payload()).containsExactly(4));
    }

    @Test
    void aHandlerThatNeverRepliesTimesTheRequestOut() throws Exception {
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> { });
        Transport client = transport(Peers.config("alpha"));
        long start = System.nanoTime();

        CompletableFuture<Frame> request = client.request(address, ECHO, new byte[0], Duration.ofMillis(200));

        assertThatThrownBy(() -> request.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isExactlyInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(190), Duration.ofSeconds(2));
        assertThat(client.metrics().requestsTimedOut()).isEqualTo(1);
    }

    @Test
    void aLateResponseAfterATimeoutIsDroppedAndTheConnectionStaysUsable() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            if (request.payload()[0] == 0) {
                new Thread(() -> {
                    try {
                        timedOut.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    responder.reply(Peers.ECHOED, request.payload());
                }).start();
            } else {
                responder.reply(Peers.ECHOED, request.payload());
            }
        });
        Transport client = transport(Peers.config("alpha").withConnectionsPerPeer(1));

        CompletableFuture<Frame> slow = client.request(address, ECHO, new byte[] {0}, Duration.ofMillis(100));
        assertThat(slow).failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOf(RequestTimeoutException.class);
        timedOut.countDown();

        assertThat(client.request(address, ECHO, new byte[] {1}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS).payload())
                .containsExactly(1);
        assertThat(client.metrics().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aConnectionOnWhichRequestsKeepTimingOutWithNothingReceivedIsReplacedByANewOne() throws Exception {
        // A cut link: the peer's process is fine, nothing comes back. A healed link must not wait on this connection.
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> { });
        Transport client = transport(Peers.config("alpha").withConnectionsPerPeer(1));
        for (int i = 0; i < ClientConnection.SILENT_TIMEOUTS; i++) {
            CompletableFuture<Frame> unanswered = client.request(address, ECHO, new byte[0], Duration.ofMillis(500));
            await().atMost(WAIT).until(() -> client.metrics().connectionsOpened() == 1); // sent, not waiting for the handshake
            assertThat(unanswered).failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOf(RequestTimeoutException.class);
        }
        client.request(address, ECHO, new byte[0], Duration.ofSeconds(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.metrics().connectionsOpened())
                .as("the silent connection was dropped and dialled again").isEqualTo(2));
    }

    @Test
    void pendingRequestsFailPromptlyWhenTheServerCloses() throws Exception {
        CountDownLatch arrived = new CountDownLatch(50);
        Transport server = Transport.create(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> arrived.countDown());
        Transport client = transport(Peers.config("alpha"));
        List<CompletableFuture<Frame>> pending = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pending.add(client.request(address, ECHO, new byte[0], Duration.ofSeconds(30)));
        }
        assertThat(arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();

        server.close();

        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        for (CompletableFuture<Frame> request : pending) {
            assertThatThrownBy(request::get).isInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TransportException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void closingTheClientFailsItsPendingRequests() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> arrived.countDown());
        Transport client = Transport.create(Peers.config("alpha"));
        CompletableFuture<Frame> pending = client.request(address, ECHO, new byte[0], Duration.ofSeconds(30));
        assertThat(arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        client.close();

        assertThat(pending).failsWithin(Duration.ofSeconds(1)).withThrowableThat().havingCause()
                .isInstanceOf(TransportException.class).withMessageContaining("closed");
        assertThat(client.request(address, ECHO, new byte[0], WAIT)).isCompletedExceptionally();
    }

    @Test
    void aConnectionDroppedByThePeerIsReplacedOnTheNextRequest() throws Exception {
        try (ServerSocket proxyless = new ServerSocket(0, 50, Peers.address("127.0.0.1"))) {
            // A hand-written server: accepts, handshakes, answers nothing, and then hangs up.
            InetSocketAddress address = (InetSocketAddress) proxyless.getLocalSocketAddress();
            Transport client = transport(Peers.config("alpha").withConnectionsPerPeer(1));
            CompletableFuture<Frame> pending = client.request(address, ECHO, new byte[0], Duration.ofSeconds(30));
            try (Socket accepted = proxyless.accept()) {
                accepted.getInputStream().readNBytes(Peers.handshake("alpha").length);
                accepted.getOutputStream().write(Peers.frame(2, 0, new byte[0]));
                accepted.getInputStream().readNBytes(18); // the request
            }
            assertThat(pending).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isExactlyInstanceOf(TransportException.class).withMessageContaining("closed");

            CompletableFuture<Frame> next = client.request(address, ECHO, new byte[0], Duration.ofSeconds(30));
            try (Socket again = proxyless.accept()) {
                again.setSoTimeout((int) WAIT.toMillis());
                assertThat(again.getInputStream().readNBytes(Peers.handshake("alpha").length))
                        .isEqualTo(Peers.handshake("alpha"));
            }
            assertThat(next).failsWithin(WAIT);
            assertThat(client.metrics().connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void servingOnATakenPortFailsClearly() throws Exception {
        Transport first = transport(Peers.config("alpha"));
        InetSocketAddress taken = first.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
        Transport second = transport(Peers.config("alpha"));

        assertThatThrownBy(() -> second.serve(taken, Peers.echo()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("cannot listen on " + taken);
    }

    private static InetSocketAddress freeAddress() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, Peers.address("127.0.0.1"))) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        }
    }
}
