package io.dynamo.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test helpers: configurations, handlers, and frames written by hand onto raw sockets. */
final class Peers {
    static final int ECHO = 16;
    static final int ECHOED = 17;
    static final Duration WAIT = Duration.ofSeconds(10);

    private Peers() {
    }

    /** Small, fast settings for tests: two network threads, short timeouts. */
    static TransportConfig config(String cluster) {
        return TransportConfig.defaults(cluster)
                .withEventLoopThreads(2)
                .withConnectTimeout(Duration.ofSeconds(1))
                .withHandshakeTimeout(Duration.ofSeconds(1))
                .withReconnectBackoff(Duration.ofMillis(100));
    }

    static InetSocketAddress anyPort(String host) {
        return new InetSocketAddress(address(host), 0);
    }

    static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers every request on the network thread with the same payload and type {@link #ECHOED}. */
    static RequestHandler echo() {
        return (request, responder) -> responder.reply(ECHOED, request.payload());
    }

    /** One frame in the documented wire format, written independently of the production encoder. */
    static byte[] frame(int type, long requestId, byte[] payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(0xD7);
            out.writeByte(1);
            out.writeInt(type);
            out.writeLong(requestId);
            out.writeInt(payload.length);
            out.write(payload);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] handshake(String cluster) {
        byte[] name = cluster.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[3 + name.length];
        payload[0] = 1;
        payload[1] = (byte) (name.length >>> 8);
        payload[2] = (byte) name.length;
        System.arraycopy(name, 0, payload, 3, name.length);
        return frame(1, 0, payload);
    }

    static Socket rawSocket(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, 2000);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /**
     * Reads and discards until the peer closes the socket; true if it did within the socket's
     * read timeout, false if the read timed out with the socket still open.
     */
    static boolean closedByPeer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (true) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true; // a reset is a close too
        }
    }
}
