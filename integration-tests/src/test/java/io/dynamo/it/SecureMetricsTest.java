package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.security.TlsFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With TLS on, the metrics endpoint stays plain HTTP on the node's listen address and gives away
 * nothing of the node's key material: no key, no certificate, not even their paths.
 */
class SecureMetricsTest {
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(2).tls().metrics().build();

    @Test
    void neitherMetricsNorTheStatusPageShowKeyMaterialOrItsFiles() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        TlsFiles node = cluster.tls(TestCluster.NODE_CERT);
        String key = Files.readString(node.key()).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (String path : new String[] {"/metrics", "/"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + cluster.host(0) + ":" + cluster.metricsPort(0) + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as(path).contains(cluster.id(1))
                    .doesNotContain(key, "PRIVATE KEY", "CERTIFICATE", node.key().toString(), node.cert().toString(), node.ca().toString(),
                            node.key().getFileName().toString(), "certs/");
        }
        assertThat(cluster.scrape(0).sum("dynamo_gossip_state", "peer", cluster.id(1), "state", "up")).isEqualTo(1);
    }
}
