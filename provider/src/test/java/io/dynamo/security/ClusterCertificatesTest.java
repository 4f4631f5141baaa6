package io.dynamo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCertificatesTest {
    @TempDir
    Path dir;

    static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void eachNameGetsACertificateOfItsRoleAndClusterSignedByTheCaAndAKeyOnlyItsOwnerReads() throws Exception {
        ClusterCertificates.write(dir, "shop", Map.of(Role.NODE, List.of("n1", "n2"), Role.ADMIN, List.of("ops"),
                Role.CLIENT, List.of("app")));
        X509Certificate ca = read(dir.resolve("ca.pem"));
        for (var expected : List.of(new PeerIdentity("shop", Role.NODE, "n1"), new PeerIdentity("shop", Role.NODE, "n2"),
                new PeerIdentity("shop", Role.ADMIN, "ops"), new PeerIdentity("shop", Role.CLIENT, "app"))) {
            X509Certificate cert = read(dir.resolve(expected.name() + ".pem"));
            cert.verify(ca.getPublicKey());
            assertThat(PeerIdentity.of(cert)).contains(expected);
            Path key = dir.resolve(expected.name() + ".key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key")))).isEqualTo("rw-------");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        // Every certificate loads as TLS material of its holder.
        assertThat(Tls.load(new TlsFiles(dir.resolve("ops.pem"), dir.resolve("ops.key"), dir.resolve("ca.pem"))).self())
                .isEqualTo(new PeerIdentity("shop", Role.ADMIN, "ops"));
    }

    @Test
    void existingFilesAreNeverOverwrittenAndNothingIsWritten() throws Exception {
        Files.writeString(dir.resolve("n2.key"), "mine");
        assertThatThrownBy(() -> ClusterCertificates.write(dir, "shop", Map.of(Role.NODE, List.of("n1", "n2"))))
                .hasMessageContaining("n2.key exists already");
        assertThat(Files.exists(dir.resolve("ca.pem"))).isFalse();
        assertThat(Files.readString(dir.resolve("n2.key"))).isEqualTo("mine");
    }

    @Test
    void badOrRepeatedNamesAndNoNodeAreRefused() {
        assertThatThrownBy(() -> ClusterCertificates.write(dir, "shop", Map.of(Role.NODE, List.of("n1"), Role.CLIENT, List.of("n1"))))
                .hasMessageContaining("'n1' is given twice");
        assertThatThrownBy(() -> ClusterCertificates.write(dir, "shop", Map.of(Role.NODE, List.of("../evil"))))
                .hasMessageContaining("'../evil'");
        assertThatThrownBy(() -> ClusterCertificates.write(dir, "shop", Map.of(Role.CLIENT, List.of("app"))))
                .hasMessageContaining("--nodes");
        assertThatThrownBy(() -> ClusterCertificates.write(dir, "shop/x", Map.of(Role.NODE, List.of("n1"))))
                .hasMessageContaining("cluster");
    }

    @Test
    void anIdentityIsReadOnlyFromAWellFormedDynamoUri() {
        assertThat(PeerIdentity.parse("dynamo://shop/admin/ops")).contains(new PeerIdentity("shop", Role.ADMIN, "ops"));
        assertThat(PeerIdentity.parse("dynamo://shop/root/ops")).isEmpty();
        assertThat(PeerIdentity.parse("dynamo://shop/node")).isEmpty();
        assertThat(PeerIdentity.parse("dynamo://shop/node/n1/extra")).isEmpty();
        assertThat(PeerIdentity.parse("https://shop/node/n1")).isEmpty();
    }

    @Test
    void tlsFlagsGoTogetherAndMustNameReadableFiles() throws Exception {
        ClusterCertificates.write(dir, "shop", Map.of(Role.NODE, List.of("n1")));
        String cert = dir.resolve("n1.pem").toString();
        assertThat(TlsFiles.fromFlags(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty())).isEmpty();
        assertThatThrownBy(() -> TlsFiles.fromFlags(java.util.Optional.of(cert), java.util.Optional.empty(), java.util.Optional.empty()))
                .hasMessageContaining("missing --tls-key --tls-ca");
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("n1.pem"), dir.resolve("nope.key"), dir.resolve("ca.pem")))
                .hasMessageContaining("tls-key").hasMessageContaining("nope.key");
        TlsFiles files = new TlsFiles(dir.resolve("n1.pem"), dir.resolve("n1.key"), dir.resolve("ca.pem"));
        assertThat(files.keyReadableByOthers()).isFalse();
        Files.setPosixFilePermissions(files.key(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(files.keyReadableByOthers()).isTrue();
        // A key given as the certificate is refused, and the message holds no key material.
        String keyText = Files.readString(files.key());
        assertThatThrownBy(() -> Tls.load(new TlsFiles(files.key(), files.key(), files.ca())))
                .hasMessageContaining("tls-cert").satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyText.substring(30, 60)));
        assertThatThrownBy(() -> Tls.load(files).requireSelf("other", Role.NODE)).hasMessageContaining("cluster 'shop', not 'other'");
    }
}
