package io.dynamo.it;

import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.LocalCluster;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the TCK's cluster run: when the system property {@code dynamo.tck.cluster} names a size,
 * starts that many node JVMs through {@code bin/dynamo node} before any test runs and makes
 * their seeds the JCache provider's default URI ({@code dynamo.uri}; its defaults are N=3 R=2 W=2), so the
 * unchanged TCK talks to a real cluster. Stops them when the test run ends. Does nothing
 * otherwise.
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
        cluster = BinDynamo.cluster(ClusterLayout.onFreePorts("tck", nodes, i -> "127.0.0.1"),
                Path.of("target", "it-logs", "tck-cluster-" + ProcessHandle.current().pid()).toAbsolutePath()).build();
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
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
