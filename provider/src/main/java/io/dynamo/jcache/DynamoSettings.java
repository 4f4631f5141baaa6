package io.dynamo.jcache;

import io.dynamo.config.ClusterSettings;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.security.TlsFiles;
import io.dynamo.version.ConflictPolicy;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A cache manager's settings, in one typed place: the defaults of every cache it creates
 * (replicas N, quorums R and W, timeout, conflict policy) and the cluster name to insist on.
 * Read from the {@code Properties} given to {@code getCacheManager} ({@code dynamo.replicas}, ...)
 * and from the URI's query ({@code dynamo://h:p?write-quorum=3}, for callers such as Hibernate
 * that pass a URI and no properties); the URI's query wins. {@code dynamo.tls-cert},
 * {@code dynamo.tls-key} and {@code dynamo.tls-ca}, all three or none, turn TLS on.
 * {@code dynamo.local-address}, an address of this host, is where the client's connections leave
 * from (as a node's do, DESIGN decision 10), so a firewall rule or a test's network cut between
 * addresses applies to the application too.
 */
public record DynamoSettings(int replicas, int readQuorum, int writeQuorum, Duration timeout, ConflictPolicy policy, String cluster,
                             Optional<TlsFiles> tls, Optional<InetAddress> localAddress) {
    public static final String REPLICAS = "dynamo.replicas";
    public static final String READ_QUORUM = "dynamo.read-quorum";
    public static final String WRITE_QUORUM = "dynamo.write-quorum";
    public static final String TIMEOUT = "dynamo.timeout";
    public static final String POLICY = "dynamo.conflict-policy";
    public static final String CLUSTER = "dynamo.cluster";
    public static final String TLS_CERT = "dynamo.tls-cert";
    public static final String TLS_KEY = "dynamo.tls-key";
    public static final String TLS_CA = "dynamo.tls-ca";
    public static final String LOCAL_ADDRESS = "dynamo.local-address";
    private static final Set<String> KEYS = Set.of(REPLICAS, READ_QUORUM, WRITE_QUORUM, TIMEOUT, POLICY, CLUSTER, TLS_CERT, TLS_KEY, TLS_CA,
            LOCAL_ADDRESS);

    public DynamoSettings {
        // Validated once here so that a bad setting fails at getCacheManager, not at the first put.
        new CacheSpec(CacheSpec.DEFAULT_NAME, replicas, readQuorum, writeQuorum, policy, timeout);
        if (cluster == null) {
            throw new IllegalArgumentException("cluster name must be given (\"\" accepts any)");
        }
        if (tls == null) {
            throw new IllegalArgumentException("tls must be given (Optional.empty() for plain text)");
        }
        if (localAddress == null) {
            throw new IllegalArgumentException("localAddress must be given (Optional.empty() for any)");
        }
    }

    /** Settings whose connections leave from any local address. */
    public DynamoSettings(int replicas, int readQuorum, int writeQuorum, Duration timeout, ConflictPolicy policy, String cluster,
            Optional<TlsFiles> tls) {
        this(replicas, readQuorum, writeQuorum, timeout, policy, cluster, tls, Optional.empty());
    }

    /** Plain-text settings. */
    public DynamoSettings(int replicas, int readQuorum, int writeQuorum, Duration timeout, ConflictPolicy policy, String cluster) {
        this(replicas, readQuorum, writeQuorum, timeout, policy, cluster, Optional.empty());
    }

    /** The defaults for a cluster reached over the network: N=3, R=2, W=2, as the paper's common configuration (§6). */
    static DynamoSettings clusterDefaults() {
        return new DynamoSettings(3, 2, 2, Duration.ofSeconds(2), ConflictPolicy.LAST_WRITE_WINS, "");
    }

    /** A node inside this JVM holds the only copy: N=R=W=1. */
    static DynamoSettings embeddedDefaults() {
        return new DynamoSettings(1, 1, 1, Duration.ofSeconds(2), ConflictPolicy.LAST_WRITE_WINS, "");
    }

    /** These settings with the cluster's name set: the name a zk:// URI gives. */
    DynamoSettings named(String name) {
        return new DynamoSettings(replicas, readQuorum, writeQuorum, timeout, policy, name, tls, localAddress);
    }

    /**
     * These settings with N, R, W and timeout taken from a cluster's config in ZooKeeper where it
     * sets them: the defaults of a zk:// manager, so that its requests ask what the nodes enforce.
     */
    DynamoSettings under(ClusterSettings clusterWide) {
        CacheSpec s = clusterWide.apply(spec(CacheSpec.DEFAULT_NAME));
        return new DynamoSettings(s.n(), s.r(), s.w(), s.timeout(), policy, cluster, tls, localAddress);
    }

    /** {@code defaults}, overridden by {@code properties}, overridden by the URI's raw query string. */
    static DynamoSettings resolve(DynamoSettings defaults, Properties properties, Optional<String> rawQuery) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("dynamo.")) {
                given.put(known(name, "property"), properties.getProperty(name));
            }
        }
        rawQuery.ifPresent(q -> given.putAll(parseQuery(q)));
        int n = intSetting(given, REPLICAS, defaults.replicas);
        // A smaller N given alone lowers the default quorums with it, so "replicas=1" just works.
        int r = intSetting(given, READ_QUORUM, Math.min(defaults.readQuorum, n));
        int w = intSetting(given, WRITE_QUORUM, Math.min(defaults.writeQuorum, n));
        Duration timeout = given.containsKey(TIMEOUT) ? parseDuration(TIMEOUT, given.get(TIMEOUT)) : defaults.timeout;
        ConflictPolicy policy = given.containsKey(POLICY) ? ConflictPolicy.parse(given.get(POLICY)) : defaults.policy;
        String cluster = given.getOrDefault(CLUSTER, defaults.cluster);
        Optional<TlsFiles> tls = given.containsKey(TLS_CERT) || given.containsKey(TLS_KEY) || given.containsKey(TLS_CA)
                ? TlsFiles.fromFlags(Optional.ofNullable(given.get(TLS_CERT)), Optional.ofNullable(given.get(TLS_KEY)),
                        Optional.ofNullable(given.get(TLS_CA)))
                : defaults.tls;
        Optional<InetAddress> local = given.containsKey(LOCAL_ADDRESS) ? Optional.of(localAddress(given.get(LOCAL_ADDRESS)))
                : defaults.localAddress;
        return new DynamoSettings(n, r, w, timeout, policy, cluster, tls, local);
    }

    CacheSpec spec(String cacheName) {
        return new CacheSpec(cacheName, replicas, readQuorum, writeQuorum, policy, timeout);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("URI query parameter '" + pair + "' is not NAME=VALUE");
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(known(name.startsWith("dynamo.") ? name : "dynamo." + name, "URI parameter"), value);
        }
        return out;
    }

    private static String known(String name, String what) {
        if (!KEYS.contains(name)) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "'; known: " + KEYS);
        }
        return name;
    }

    /** An address of this host given as a literal IP: a name or a foreign address would fail every connect, so it fails here. */
    private static InetAddress localAddress(String text) {
        String v = text.trim();
        if (!v.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException(LOCAL_ADDRESS + " must be an IP address of this host, got '" + text + "'");
        }
        try {
            InetAddress address = InetAddress.getByName(v);
            if (!address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalArgumentException(LOCAL_ADDRESS + " " + v + " is not an address of this host");
            }
            return address;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(LOCAL_ADDRESS + " must be an IP address of this host, got '" + text + "'");
        }
    }

    private static int intSetting(Map<String, String> given, String name, int fallback) {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or plain milliseconds. */
    static Duration parseDuration(String name, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 2s or 1m, got '" + text + "'");
        }
    }
}
