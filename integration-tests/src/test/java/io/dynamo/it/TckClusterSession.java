package io.dynamo.it;

import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the TCK's cluster run: when the system property {@code dynamo.tck.cluster} names a size,
 * starts that many node JVMs through {@code bin/dynamo node} before any test runs and makes
 * their seeds the JCache provider's default URI ({@code dynamo.uri}; its defaults are N=3 R=2 W=2), so the
 * unchanged TCK talks to a real cluster. In the suite's TLS mode ({@link ClusterTls#suiteWide()})
 * the nodes and the TCK's cache managers speak TLS only: the client's certificate is given as the
 * provider's default properties, system properties {@code dynamo.tls-*}. Stops them when the
 * test run ends. Does nothing otherwise.
 */
public final class TckClusterSession implements LauncherSessionListener {
    public static final String SIZE_PROPERTY = "dynamo.tck.cluster";

    private LocalCluster cluster;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String size = System.getProperty(SIZE_PROPERTY);
        if (size == null || size.isBlank() || cluster != null) {
            return;
        }
        int nodes = Integer.parseInt(size.trim());
        boolean tls = ClusterTls.suiteWide();
        Path work = Path.of("target", "it-logs", (tls ? "tck-cluster-tls-" : "tck-cluster-") + ProcessHandle.current().pid()).toAbsolutePath();
        ClusterTls certs = new ClusterTls(work.resolve("certs"));
        LocalCluster.Builder builder = BinDynamo.cluster(ClusterLayout.onFreePorts("tck", nodes, i -> "127.0.0.1"), work);
        cluster = builder.nodeArgs(tls ? certs.args(ClusterTls.NODE) : List.of()).build();
        try {
            if (tls) {
                ClusterTls.write(certs.dir(), cluster.name());
            }
            cluster.startAll();
            if (tls) {
                ClusterTls.assertPlainTextRefused(cluster.name(), cluster.seeds());
                certs.addTo(new Properties(), ClusterTls.CLIENT).forEach((k, v) -> System.setProperty((String) k, (String) v));
            }
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            cluster = null;
            throw e;
        }
        // No query part: the seeds URI's defaults are N=3, R=2, W=2, and the TCK builds MBean names
        // from the URI, where '?' would be a pattern character. Seeds separated by ';', the spelling
        // whose MBean names Micrometer's JCacheMetrics finds too, so the management tests check it.
        System.setProperty("dynamo.uri", "dynamo://" + cluster.seeds().replace(',', ';'));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
