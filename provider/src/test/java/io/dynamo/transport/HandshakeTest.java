package io.dynamo.transport;

import static io.dynamo.transport.Peers.ECHO;
import static io.dynamo.transport.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HandshakeTest {
    private Transport server;
    private InetSocketAddress address;

    @BeforeEach
    void startServer() {
        server = Transport.create(Peers.config("alpha").withHandshakeTimeout(Duration.ofMillis(300)));
        address = server.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aClientOfAnotherClusterIsRefusedWithTheReasonWhileTheRightClusterIsServed() throws Exception {
        try (Transport stranger = Transport.create(Peers.config("other"));
             Transport member = Transport.create(Peers.config("alpha"))) {

            assertThatThrownBy(() -> stranger.request(address, ECHO, new byte[] {1}, WAIT)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TransportException.class)
                    .hasMessageContaining("peer " + address)
                    .hasMessageContaining("belongs to cluster 'alpha', not 'other'");
            // Within the backoff the refusal is remembered, not retried.
            assertThatThrownBy(() -> stranger.request(address, ECHO, new byte[] {1}, WAIT)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .cause().hasMessageContaining("belongs to cluster 'alpha', not 'other'");

            assertThat(member.request(address, ECHO, new byte[] {2}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .payload()).containsExactly(2);
            assertThat(stranger.metrics().connectFailures()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aClientThatDoesNotKnowTheClusterNameIsServedByAnyCluster() throws Exception {
        try (Transport client = Transport.create(Peers.config(TransportConfig.ANY_CLUSTER))) {
            assertThat(client.request(address, ECHO, new byte[] {3}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .payload()).containsExactly(3);
        }
    }

    @Test
    void theServerAnswersARefusedHandshakeOnTheWireThenCloses() throws Exception {
        try (Socket socket = Peers.rawSocket(address)) {
            socket.getOutputStream().write(Peers.handshake("other"));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).isEqualTo(0xD7);
            assertThat(in.readUnsignedByte()).isEqualTo(1);
            assertThat(in.readInt()).as("type").isEqualTo(3);
            in.readLong();
            byte[] reason = new byte[in.readInt()];
            in.readFully(reason);
            assertThat(new String(reason, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("it belongs to cluster 'alpha', not 'other'");
            assertThat(Peers.closedByPeer(socket)).isTrue();
        }
    }

    @Test
    void aRequestBeforeTheHandshakeClosesTheConnection() throws Exception {
        try (Socket socket = Peers.rawSocket(address)) {
            socket.getOutputStream().write(Peers.frame(ECHO, 1, new byte[] {1}));

            assertThat(Peers.closedByPeer(socket)).isTrue();
        }
        assertThat(server.metrics().requestsServed()).isZero();
        assertThat(server.metrics().protocolViolations()).isEqualTo(1);
    }

    @Test
    void aSecondHandshakeIsAProtocolViolation() throws Exception {
        try (Socket socket = Peers.rawSocket(address)) {
            OutputStream out = socket.getOutputStream();
            out.write(Peers.handshake("alpha"));
            out.write(Peers.frame(ECHO, 5, new byte[] {9}));
            out.write(Peers.handshake("alpha"));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] accepted = new byte[18];
            in.readFully(accepted);
            assertThat(accepted[5]).as("accepted type").isEqualTo((byte) 2);
            byte[] echoed = new byte[19];
            in.readFully(echoed);
            assertThat(echoed[13]).as("request id").isEqualTo((byte) 5);
            assertThat(echoed[18]).isEqualTo((byte) 9);

            assertThat(Peers.closedByPeer(socket)).isTrue();
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (Socket socket = Peers.rawSocket(address)) {
            socket.setSoTimeout(5000);
            long start = System.nanoTime();

            assertThat(Peers.closedByPeer(socket)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeFailsTheClientAfterTheHandshakeTimeout() throws Exception {
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 50, Peers.address("127.0.0.1"));
             Transport client = Transport.create(Peers.config("alpha").withHandshakeTimeout(Duration.ofMillis(300)))) {
            InetSocketAddress muteAddress = (InetSocketAddress) mute.getLocalSocketAddress();

            assertThatThrownBy(() -> client.request(muteAddress, ECHO, new byte[0], WAIT)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .cause().isExactlyInstanceOf(TransportException.class)
                    .hasMessageContaining("did not answer the handshake");
        }
    }
}
