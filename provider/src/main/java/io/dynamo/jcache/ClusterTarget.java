package io.dynamo.jcache;

import io.dynamo.client.ClientConfig;
import io.dynamo.zookeeper.ZkClusterUri;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a cache manager's URI points: a node inside this JVM ({@code dynamo:embedded}), a cluster
 * reached through static seeds ({@code dynamo://host:port,host:port}), or a cluster whose seeds
 * and settings are in ZooKeeper ({@code zk://host:port/ROOT/CLUSTER}). Seeds and ZooKeeper
 * servers may be separated by {@code ;} as well as {@code ,}: a URI without commas or a query is a
 * valid JMX name value, which Micrometer's JCache metrics need. The query part carries settings;
 * see {@link DynamoSettings}.
 */
record ClusterTarget(boolean embedded, List<InetSocketAddress> seeds, Optional<ZkClusterUri> zk, Optional<String> rawQuery) {
    static final String EMBEDDED = "dynamo:embedded";
    private static final String FORMS = "dynamo:embedded, dynamo://host:port[,host:port...] or " + ZkClusterUri.FORM
            + ", each with optional ?name=value&... settings";

    static ClusterTarget parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals(ZkClusterUri.SCHEME)) {
            ZkClusterUri zk = ZkClusterUri.parse(uri);
            return new ClusterTarget(false, List.of(), Optional.of(zk), zk.rawQuery());
        }
        if (!scheme.equals("dynamo")) {
            throw new IllegalArgumentException("unsupported cache manager URI " + uri + "; expected " + FORMS);
        }
        if (uri.isOpaque()) {
            String ssp = uri.getRawSchemeSpecificPart();
            int q = ssp.indexOf('?');
            String what = q < 0 ? ssp : ssp.substring(0, q);
            if (!what.equals("embedded")) {
                throw new IllegalArgumentException("unsupported cache manager URI " + uri + "; did you mean dynamo:embedded or dynamo://host:port?");
            }
            return new ClusterTarget(true, List.of(), Optional.empty(), q < 0 ? Optional.empty() : Optional.of(ssp.substring(q + 1)));
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("cache manager URI " + uri + " names no seed; expected dynamo://host:port[,host:port...]");
        }
        List<InetSocketAddress> seeds = ClientConfig.parseSeeds(authority.replace(';', ','));
        return new ClusterTarget(false, seeds, Optional.empty(), Optional.ofNullable(uri.getRawQuery()));
    }

    /** What two managers share a connection by: the same node, the same seeds or the same ZooKeeper. */
    String connectionKey(String cluster) {
        String where = embedded ? EMBEDDED : zk.map(z -> "zk:" + z.address().spec() + "/" + z.cluster()).orElse(seeds.toString());
        return where + "|" + cluster;
    }
}
