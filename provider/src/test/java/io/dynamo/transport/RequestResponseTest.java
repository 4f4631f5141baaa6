package io.dynamo.transport;

import static io.dynamo.transport.Peers.ECHO;
import static io.dynamo.transport.Peers.ECHOED;
import static io.dynamo.transport.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class RequestResponseTest {
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

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 1024 * 1024})
    void requestIsAnsweredWithItsResponse(int size) throws Exception {
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
        Transport client = transport(Peers.config("alpha"));
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);

        Frame response = client.request(address, ECHO, payload, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(response.type()).isEqualTo(ECHOED);
        assertThat(response.payload()).isEqualTo(payload);
        assertThat(client.metrics().responsesReceived()).isEqualTo(1);
        assertThat(server.metrics().requestsServed()).isEqualTo(1);
    }

    @Test
    void requestsToOnePeerShareOneConnectionAndBulkRequestsGetALaneOfTheirOwn() throws Exception {
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
        Transport client = transport(Peers.config("alpha"));
        List<CompletableFuture<Frame>> small = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            small.add(client.request(address, ECHO, new byte[100], WAIT));
        }
        CompletableFuture.allOf(small.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.metrics().connectionsOpened()).as("one connection for every small request").isEqualTo(1);

        client.request(address, ECHO, new byte[PeerConnections.BULK_BYTES], WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        client.request(address, ECHO, new byte[100], WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.metrics().connectionsOpened()).as("and a second one for bulk requests").isEqualTo(2);
    }

    @Test
    void tenThousandRequestsInFlightAreEachPairedWithTheirOwnResponse() throws Exception {
        int threads = 8;
        int perThread = 1250;
        int total = threads * perThread;
        record Received(Frame request, Responder responder) {
        }
        List<Received> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allArrived = new CountDownLatch(total);
        Transport server = transport(Peers.config("alpha"));
        // Holds every request until all 10,000 are in flight, then answers them from another thread
        // in a shuffled order: only pairing by request id can match them up. (Over the default
        // limit of a connection's unanswered requests, which would stop reading before the last.)
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            received.add(new Received(request, responder));
            allArrived.countDown();
        }, new ConnectionLimits(total, ConnectionLimits.DEFAULTS.maxQueuedReplyBytes()));
        Transport client = transport(Peers.config("alpha"));
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletableFuture<Frame>>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                sent.add(callers.submit(() -> {
                    List<CompletableFuture<Frame>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(client.request(address, ECHO, key(thread * perThread + i), Duration.ofSeconds(30)));
                    }
                    return futures;
                }));
            }
            assertThat(allArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("all requests arrived").isTrue();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(42));
            Thread replier = new Thread(() -> {
                for (int i : order) {
                    Received r = received.get(i);
                    r.responder().reply(ECHOED, answerTo(r.request().payload()));
                }
            });
            replier.start();

            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<Frame>> futures = sent.get(t).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    Frame response = futures.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(response.payload()).isEqualTo(answerTo(key(t * perThread + i)));
                }
            }
            replier.join(WAIT.toMillis());
        } finally {
            callers.shutdownNow();
        }
        assertThat(client.metrics().responsesReceived()).isEqualTo(total);
    }

    @Test
    void handlerMayReplyFromAnotherThreadLater() throws Exception {
        ExecutorService later = Executors.newSingleThreadExecutor();
        try {
            Transport server = transport(Peers.config("alpha"));
            InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"),
                    (request, responder) -> later.execute(() -> responder.reply(ECHOED, request.payload())));
            Transport client = transport(Peers.config("alpha"));

            Frame response = client.request(address, ECHO, key(7), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(response.payload()).isEqualTo(key(7));
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void unknownProtocolTypesAreLeftToTheHandler() throws Exception {
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"),
                (request, responder) -> responder.reply(request.type() + 1, new byte[0]));
        Transport client = transport(Peers.config("alpha"));

        Frame response = client.request(address, 999_999, new byte[0], WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(response.type()).isEqualTo(1_000_000);
    }

    @Test
    void handlerSeesTheAddressTheClientSendsFrom() throws Exception {
        AtomicReference<InetSocketAddress> seen = new AtomicReference<>();
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            seen.set(responder.remoteAddress().orElseThrow());
            responder.reply(ECHOED, request.payload());
        });
        Transport node = Transport.create(Peers.config("alpha"), Peers.address("127.0.0.2"));
        transports.add(node);

        node.request(address, ECHO, new byte[0], WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(seen.get().getAddress()).isEqualTo(Peers.address("127.0.0.2"));
    }

    @Test
    void requestsAreSpreadOverTheConfiguredNumberOfPooledConnections() throws Exception {
        java.util.Set<InetSocketAddress> origins = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            origins.add(responder.remoteAddress().orElseThrow());
            responder.reply(ECHOED, request.payload());
        });
        Transport client = transport(Peers.config("alpha").withConnectionsPerPeer(3));
        List<CompletableFuture<Frame>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(client.request(address, ECHO, key(i), WAIT));
        }
        for (CompletableFuture<Frame> future : futures) {
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(origins).hasSize(3);
        assertThat(client.metrics().connectionsOpened()).isEqualTo(3);
    }

    @Test
    void aThrowingHandlerFailsTheRequestAtOnceAndKeepsTheConnection() throws Exception {
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            if (request.payload().length == 0) {
                throw new IllegalStateException("no key");
            }
            responder.reply(ECHOED, request.payload());
        });
        Transport client = transport(Peers.config("alpha").withConnectionsPerPeer(1));

        assertThatThrownBy(() -> client.request(address, ECHO, new byte[0], Duration.ofSeconds(30))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(TransportException.class)
                .hasMessageContaining("no key");
        assertThat(client.request(address, ECHO, key(1), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS).payload())
                .isEqualTo(key(1));
        assertThat(client.metrics().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aResponderAnswersOnlyOnce() throws Exception {
        AtomicReference<Throwable> second = new AtomicReference<>();
        Transport server = transport(Peers.config("alpha"));
        InetSocketAddress address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            responder.reply(ECHOED, request.payload());
            try {
                responder.reply(ECHOED, request.payload());
            } catch (IllegalStateException expected) {
                second.set(expected);
            }
        });
        Transport client = transport(Peers.config("alpha"));

        client.request(address, ECHO, key(3), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(second.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("already answered");
    }

    @Test
    void reservedTypesAndOversizedPayloadsAreRefusedUpFront() {
        Transport client = transport(Peers.config("alpha").withMaxFrameBytes(1000));
        InetSocketAddress nowhere = new InetSocketAddress(Peers.address("127.0.0.1"), 9);

        assertThatThrownBy(() -> client.request(nowhere, 15, new byte[0], WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> client.request(nowhere, ECHO, new byte[1001], WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame limit");
        assertThatThrownBy(() -> client.request(nowhere, ECHO, new byte[0], Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] answerTo(byte[] key) {
        return ByteBuffer.allocate(8).put(key).putInt(~ByteBuffer.wrap(key).getInt()).array();
    }
}
