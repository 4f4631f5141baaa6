package io.dynamo.transport;

import static io.dynamo.transport.Peers.ECHO;
import static io.dynamo.transport.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A misbehaving connection is closed on its own; every other connection keeps being served. */
@Timeout(60)
class MalformedInputTest {
    private Transport server;
    private Transport client;
    private InetSocketAddress address;

    @BeforeEach
    void start() {
        server = Transport.create(Peers.config("alpha").withMaxFrameBytes(64 * 1024));
        address = server.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
        client = Transport.create(Peers.config("alpha"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void garbageBytesCloseThatSocketOnly() throws Exception {
        List<CompletableFuture<Frame>> before = burst(100);
        try (Socket socket = Peers.rawSocket(address)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            List<CompletableFuture<Frame>> during = burst(100);

            assertThat(Peers.closedByPeer(socket)).isTrue();
            assertAllEchoed(before);
            assertAllEchoed(during);
        }
        assertAllEchoed(burst(100));
        assertThat(server.metrics().protocolViolations()).isEqualTo(1);
    }

    @Test
    void randomBytesAfterAValidHandshakeCloseThatSocketOnly() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        try (Socket socket = Peers.rawSocket(address)) {
            OutputStream out = socket.getOutputStream();
            out.write(Peers.handshake("alpha"));
            out.write(garbage);
            List<CompletableFuture<Frame>> during = burst(100);

            assertThat(Peers.closedByPeer(socket)).isTrue();
            assertAllEchoed(during);
        }
    }

    @Test
    void anOversizedLengthPrefixClosesTheSocketWithoutWaitingForThePayload() throws Exception {
        try (Socket socket = Peers.rawSocket(address)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(Peers.handshake("alpha"));
            out.writeByte(0xD7);
            out.writeByte(1);
            out.writeInt(ECHO);
            out.writeLong(1);
            out.writeInt(Integer.MAX_VALUE); // announced, never sent
            out.flush();
            List<CompletableFuture<Frame>> during = burst(100);

            assertThat(Peers.closedByPeer(socket)).isTrue();
            assertAllEchoed(during);
        }
        assertThat(server.metrics().protocolViolations()).isEqualTo(1);
    }

    @Test
    void aNegativeLengthOrUnknownVersionClosesTheSocket() throws Exception {
        byte[] negative = Peers.frame(ECHO, 1, new byte[0]);
        negative[14] = (byte) 0xff;
        byte[] version = Peers.frame(ECHO, 1, new byte[0]);
        version[1] = 2;
        for (byte[] bad : List.of(negative, version)) {
            try (Socket socket = Peers.rawSocket(address)) {
                socket.getOutputStream().write(Peers.handshake("alpha"));
                socket.getOutputStream().write(bad);

                assertThat(Peers.closedByPeer(socket)).isTrue();
            }
        }
        assertAllEchoed(burst(10));
        assertThat(server.metrics().protocolViolations()).isEqualTo(2);
    }

    @Test
    void aFrameCutShortByAClosedSocketHarmsNoOtherConnection() throws Exception {
        byte[] frame = Peers.frame(ECHO, 1, new byte[1000]);
        try (Socket socket = Peers.rawSocket(address)) {
            OutputStream out = socket.getOutputStream();
            out.write(Peers.handshake("alpha"));
            out.write(frame, 0, frame.length / 2);
            out.flush();
        }
        assertAllEchoed(burst(100));
        assertThat(server.metrics().requestsServed()).isEqualTo(100);
    }

    @Test
    void aClientClosesAServerThatSendsGarbage() throws Exception {
        try (java.net.ServerSocket liar = new java.net.ServerSocket(0, 50, Peers.address("127.0.0.1"))) {
            Thread answer = new Thread(() -> {
                try (Socket accepted = liar.accept()) {
                    accepted.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    Peers.closedByPeer(accepted);
                } catch (java.io.IOException ignored) {
                    // the test asserts on the client side
                }
            });
            answer.start();
            CompletableFuture<Frame> request =
                    client.request((InetSocketAddress) liar.getLocalSocketAddress(), ECHO, new byte[0], WAIT);

            assertThat(request).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isExactlyInstanceOf(TransportException.class).withMessageContaining("protocol violation");
            answer.join(WAIT.toMillis());
        }
    }

    private List<CompletableFuture<Frame>> burst(int n) {
        List<CompletableFuture<Frame>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.request(address, ECHO, new byte[] {(byte) i}, Duration.ofSeconds(5)));
        }
        return futures;
    }

    private static void assertAllEchoed(List<CompletableFuture<Frame>> futures) throws Exception {
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS).payload()).containsExactly((byte) i);
        }
    }
}
