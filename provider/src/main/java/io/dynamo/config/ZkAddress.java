package io.dynamo.config;

/**
 * Where a cluster's ZooKeeper is: {@code HOST:PORT[,HOST:PORT...]/ROOT}, e.g.
 * {@code 127.0.0.1:2181/dynamo}. The root (default {@code dynamo}) holds one folder per cluster.
 */
public record ZkAddress(String connectString, String root) {
    public ZkAddress {
        if (connectString == null || connectString.isBlank()) {
            throw new IllegalArgumentException("ZooKeeper address needs HOST:PORT");
        }
        if (root == null || root.isEmpty() || root.contains("/")) {
            throw new IllegalArgumentException("ZooKeeper root must be one path segment, got '" + root + "'");
        }
    }

    /** Parses {@code HOST:PORT[,...][/ROOT]}. */
    public static ZkAddress parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--zk needs HOST:PORT/ROOT, e.g. 127.0.0.1:2181/dynamo");
        }
        String s = spec.trim();
        int slash = s.indexOf('/');
        String hosts = slash < 0 ? s : s.substring(0, slash);
        String root = slash < 0 ? "dynamo" : s.substring(slash + 1);
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        for (String h : hosts.split(",")) {
            int colon = h.lastIndexOf(':');
            if (colon <= 0 || !h.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("ZooKeeper server '" + h + "' in '" + spec + "' is not HOST:PORT");
            }
        }
        return new ZkAddress(hosts, root.isEmpty() ? "dynamo" : root);
    }

    /** The {@code HOST:PORT[,...]/ROOT} form {@link #parse} reads. */
    public String spec() {
        return connectString + "/" + root;
    }

    public String seedsPath(String cluster) {
        return "/" + cluster + "/seeds";
    }

    public String configPath(String cluster) {
        return "/" + cluster + "/config";
    }
}
