package io.dynamo.zookeeper;

import io.dynamo.config.ZkAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A cluster named through its ZooKeeper, as clients give it:
 * {@code zk://host:port[,host:port]/ROOT/CLUSTER}, optionally with settings as a query. The
 * servers may also be separated by {@code ;}, which keeps the URI's text a valid JMX name value
 * (a comma is not; see the README's note on cache metrics).
 */
public record ZkClusterUri(ZkAddress address, String cluster, Optional<String> rawQuery) {
    public static final String SCHEME = "zk";
    public static final String FORM = "zk://host:port[,host:port]/ROOT/CLUSTER";

    public ZkClusterUri {
        if (cluster == null || cluster.isEmpty()) {
            throw new IllegalArgumentException("a zk:// URI names its cluster: " + FORM);
        }
    }

    /** Whether {@code text} is meant as a zk:// URI (its scheme, in any case). */
    public static boolean isZk(String text) {
        return text.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME + "://");
    }

    /** @throws IllegalArgumentException naming the expected form */
    public static ZkClusterUri parse(String text) {
        try {
            return parse(new URI(text.trim()));
        } catch (URISyntaxException e) {
            throw malformed(text, e.getMessage());
        }
    }

    /** @throws IllegalArgumentException naming the expected form */
    public static ZkClusterUri parse(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(SCHEME) || uri.isOpaque()) {
            throw malformed(uri.toString(), "not a zk:// URI");
        }
        String servers = uri.getRawAuthority();
        if (servers == null || servers.isEmpty()) {
            throw malformed(uri.toString(), "no ZooKeeper server");
        }
        if (uri.getRawFragment() != null) {
            throw malformed(uri.toString(), "a fragment (#) means nothing here");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            throw malformed(uri.toString(), "the path must be /ROOT/CLUSTER, got '" + path + "'");
        }
        ZkAddress address;
        try {
            address = ZkAddress.parse(servers.replace(';', ',') + "/" + segments[0]);
        } catch (IllegalArgumentException e) {
            throw malformed(uri.toString(), e.getMessage());
        }
        return new ZkClusterUri(address, segments[1], Optional.ofNullable(uri.getRawQuery()));
    }

    private static IllegalArgumentException malformed(String text, String why) {
        return new IllegalArgumentException("malformed ZooKeeper URI '" + text + "' (" + why + "); expected " + FORM
                + ", e.g. zk://127.0.0.1:2181/dynamo/demo");
    }
}
