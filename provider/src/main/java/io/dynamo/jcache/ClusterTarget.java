package io.dynamo.jcache;

import io.dynamo.client.ClientConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a cache manager's URI points: a node inside this JVM ({@code dynamo:embedded}) or a
 * cluster reached through static seeds ({@code dynamo://host:port,host:port}). The query part
 * carries settings; see {@link DynamoSettings}.
 */
record ClusterTarget(boolean embedded, List<InetSocketAddress> seeds, Optional<String> rawQuery) {
    static final String EMBEDDED = "dynamo:embedded";

    static ClusterTarget parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("zk")) {
            throw new IllegalArgumentException("cannot use " + uri + ": zk:// URIs (seeds from ZooKeeper) need cluster membership,"
                    + " which this version does not have yet; use dynamo://host:port,host:port or dynamo:embedded");
        }
        if (!scheme.equals("dynamo")) {
            throw new IllegalArgumentException("unsupported cache manager URI " + uri
                    + "; expected dynamo:embedded or dynamo://host:port[,host:port...][?name=value&...]");
        }
        if (uri.isOpaque()) {
            String ssp = uri.getRawSchemeSpecificPart();
            int q = ssp.indexOf('?');
            String what = q < 0 ? ssp : ssp.substring(0, q);
            if (!what.equals("embedded")) {
                throw new IllegalArgumentException("unsupported cache manager URI " + uri + "; did you mean dynamo:embedded or dynamo://host:port?");
            }
            return new ClusterTarget(true, List.of(), q < 0 ? Optional.empty() : Optional.of(ssp.substring(q + 1)));
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("cache manager URI " + uri + " names no seed; expected dynamo://host:port[,host:port...]");
        }
        List<InetSocketAddress> seeds = ClientConfig.parseSeeds(authority);
        return new ClusterTarget(false, seeds, Optional.ofNullable(uri.getRawQuery()));
    }

    /** What two managers share a connection by: the same node or the same seeds. */
    String connectionKey(String cluster) {
        return (embedded ? EMBEDDED : seeds.toString()) + "|" + cluster;
    }
}
