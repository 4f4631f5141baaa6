package io.dynamo.transport;

import static io.dynamo.transport.Peers.ECHO;
import static io.dynamo.transport.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.security.CertificateAuthority;
import io.dynamo.security.ClusterCertificates;
import io.dynamo.security.PeerIdentity;
import io.dynamo.security.PemFiles;
import io.dynamo.security.Role;
import io.dynamo.security.Tls;
import io.dynamo.security.TlsFiles;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS 1.3 with mutual authentication: who may connect, and the identity each request carries. */
@Timeout(60)
class TlsTest {
    @TempDir
    static Path certs;
    private static Path ours;
    private static Path foreign;

    private final List<Optional<PeerIdentity>> senders = new CopyOnWriteArrayList<>();
    private Transport server;
    private InetSocketAddress address;

    @BeforeAll
    static void makeCertificates() {
        ours = certs.resolve("alpha");
        foreign = certs.resolve("foreign");
        ClusterCertificates.write(ours, "alpha", Map.of(Role.NODE, List.of("n1", "n2"), Role.CLIENT, List.of("app"),
                Role.ADMIN, List.of("ops")));
        ClusterCertificates.write(foreign, "alpha", Map.of(Role.NODE, List.of("n1")));
    }

    static Tls tls(Path dir, String name, Path caDir) {
        return Tls.load(new TlsFiles(dir.resolve(name + ".pem"), dir.resolve(name + ".key"), caDir.resolve("ca.pem")));
    }

    private Transport client(Tls tls) {
        return Transport.create(Peers.config("alpha"), Optional.empty(), Optional.of(tls));
    }

    @BeforeEach
    void startServer() {
        server = Transport.create(Peers.config("alpha"), Optional.empty(), Optional.of(tls(ours, "n1", ours)));
        address = server.serve(Peers.anyPort("127.0.0.1"), (request, responder) -> {
            senders.add(responder.peerIdentity());
            responder.reply(Peers.ECHOED, request.payload());
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aCertificateOfTheClusterIsServedAndEachRequestCarriesItsIdentity() throws Exception {
        try (Transport app = client(tls(ours, "app", ours)); Transport node = client(tls(ours, "n2", ours))) {
            assertThat(app.request(address, ECHO, new byte[] {1}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS).payload()).containsExactly(1);
            assertThat(node.request(address, ECHO, new byte[] {2}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS).payload()).containsExactly(2);
        }
        assertThat(senders).containsExactly(Optional.of(new PeerIdentity("alpha", Role.CLIENT, "app")),
                Optional.of(new PeerIdentity("alpha", Role.NODE, "n2")));
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedAtTheHandshake() {
        try (Transport stranger = client(tls(foreign, "n1", foreign))) {
            assertRefused(stranger);
        }
        assertThat(senders).isEmpty();
    }

    @Test
    void aNodeOfAnotherClusterWithACertificateOfTheSameCaIsRefused() throws Exception {
        Path shared = java.nio.file.Files.createDirectories(certs.resolve("shared-ca"));
        CertificateAuthority ca = CertificateAuthority.create("alpha");
        PemFiles.writeCertificate(shared.resolve("ca.pem"), ca.ca().certificate());
        for (PeerIdentity holder : List.of(new PeerIdentity("alpha", Role.NODE, "n1"), new PeerIdentity("beta", Role.NODE, "b1"))) {
            CertificateAuthority.Issued issued = ca.issue(holder);
            PemFiles.writeCertificate(shared.resolve(holder.name() + ".pem"), issued.certificate());
            PemFiles.writeKey(shared.resolve(holder.name() + ".key"), issued.key().getPrivate());
        }
        try (Transport alpha = Transport.create(Peers.config("alpha"), Optional.empty(), Optional.of(tls(shared, "n1", shared)));
             Transport beta = Transport.create(Peers.config("beta"), Optional.empty(), Optional.of(tls(shared, "b1", shared)))) {
            InetSocketAddress at = alpha.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
            assertThatThrownBy(() -> beta.request(at, ECHO, new byte[] {1}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TransportException.class);
        }
    }

    @Test
    void aServerWhoseCertificateIsNotANodesIsNotTrustedByItsClients() throws Exception {
        try (Transport impostor = Transport.create(Peers.config("alpha"), Optional.empty(), Optional.of(tls(ours, "app", ours)));
             Transport app = client(tls(ours, "n2", ours))) {
            InetSocketAddress at = impostor.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
            assertThatThrownBy(() -> app.request(at, ECHO, new byte[] {1}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TransportException.class);
        }
    }

    @Test
    void aPlainTextClientIsRefusedAndAPlainTextServerIsNotTalkedTo() throws Exception {
        try (Transport plain = Transport.create(Peers.config("alpha"))) {
            assertRefused(plain);
        }
        try (Socket raw = Peers.rawSocket(address)) {
            raw.getOutputStream().write(Peers.handshake("alpha"));
            assertThat(Peers.closedByPeer(raw)).isTrue();
        }
        try (Transport plainServer = Transport.create(Peers.config("alpha"));
             Transport app = client(tls(ours, "app", ours))) {
            InetSocketAddress at = plainServer.serve(Peers.anyPort("127.0.0.1"), Peers.echo());
            assertThatThrownBy(() -> app.request(at, ECHO, new byte[] {1}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        assertThat(senders).isEmpty();
    }

    private void assertRefused(Transport client) {
        assertThatThrownBy(() -> client.request(address, ECHO, new byte[] {1}, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("peer " + address);
    }
}
