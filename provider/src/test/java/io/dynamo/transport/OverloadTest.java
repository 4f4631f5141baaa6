package io.dynamo.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that pipelines 100,000 requests over a real socket without reading a reply: the node
 * stops reading it once it is over its limits, so what the node holds for it stays bounded,
 * other clients are served meanwhile, and it is served again once it reads.
 */
@Timeout(120)
class OverloadTest {
    private static final int REQUESTS = 100_000;
    private static final int REPLY_BYTES = 256;
    private static final ConnectionLimits LIMITS = new ConnectionLimits(256, 256 * 1024);

    private Transport server;
    private Transport other;
    private InetSocketAddress address;

    @BeforeEach
    void start() {
        server = Transport.create(Peers.config("alpha"));
        byte[] reply = new byte[REPLY_BYTES];
        address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> responder.reply(Peers.ECHOED, reply), LIMITS);
        other = Transport.create(Peers.config("alpha"));
    }

    @AfterEach
    void stop() {
        other.close();
        server.close();
    }

    @Test
    void aClientPipeliningWithoutReadingIsPausedWhileOthersAreServed() throws Exception {
        try (Socket greedy = Peers.rawSocket(address)) {
            Thread writer = new Thread(() -> pipeline(greedy), "greedy-writer");
            writer.setDaemon(true);
            writer.start();

            long held = awaitStable(() -> server.metrics().requestsServed());
            // Everything the node took from it is in the socket buffers (a few MB on loopback), in
            // Netty's queue (its high-water mark) or in flight (its limit): a bounded share of 100,000.
            assertThat(held).isLessThan(REQUESTS / 2);
            assertThat(server.metrics().readsPaused()).isPositive();

            Frame answer = other.request(address, Peers.ECHO, "hello".getBytes(StandardCharsets.UTF_8), Peers.WAIT)
                    .get(Peers.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.payload()).hasSize(REPLY_BYTES);

            assertThat(readReplies(greedy)).isEqualTo(REQUESTS);
            writer.join(Peers.WAIT.toMillis());
        }
    }

    /** Waits until {@code counter} holds still across a poll (the node has stopped taking requests). */
    private static long awaitStable(java.util.function.LongSupplier counter) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = counter.getAsLong();
            return now > 0 && now == last.getAndSet(now);
        });
        return last.get();
    }

    private static void pipeline(Socket socket) {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            out.write(Peers.handshake("alpha"));
            for (int i = 1; i <= REQUESTS; i++) {
                out.write(Peers.frame(Peers.ECHO, i, new byte[8]));
            }
            out.flush();
        } catch (IOException closedAtTheEnd) {
            // the test closes the socket if it fails first
        }
    }

    /** Reads the handshake's answer and every reply; returns the number of replies. */
    private static int readReplies(Socket socket) throws IOException {
        socket.setSoTimeout((int) Peers.WAIT.toMillis());
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
        int replies = -1; // the first frame answers the handshake
        while (replies < REQUESTS) {
            byte[] header = new byte[WireFormat.HEADER_BYTES];
            in.readFully(header);
            int length = java.nio.ByteBuffer.wrap(header, WireFormat.LENGTH_OFFSET, 4).getInt();
            in.skipNBytes(length);
            replies++;
        }
        return replies;
    }
}
