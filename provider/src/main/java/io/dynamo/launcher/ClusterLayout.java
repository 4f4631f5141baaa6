package io.dynamo.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** A local cluster's name and its nodes {@code n1, n2, ...} with their addresses. */
public record ClusterLayout(String cluster, List<NodeAddress> nodes) {
    public ClusterLayout {
        Objects.requireNonNull(cluster, "cluster");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
    }

    /** Node {@code i} (0-based) listens on {@code host.apply(i)} (e.g. 127.0.0.11, .12, ... for per-link faults), on a free port. */
    public static ClusterLayout onFreePorts(String cluster, int size, IntFunction<String> host) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            hosts.add(host.apply(i));
        }
        List<Integer> ports = FreePorts.on(hosts);
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new NodeAddress(id(i), hosts.get(i), ports.get(i)));
        }
        return new ClusterLayout(cluster, nodes);
    }

    /** Every node on {@code host}, on the ports {@code basePort, basePort + 1, ...}. */
    public static ClusterLayout onPorts(String cluster, int size, String host, int basePort) {
        if (basePort < 1 || basePort + size - 1 > 65_535) {
            throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + size - 1) + " are not all between 1 and 65535");
        }
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new NodeAddress(id(i), host, basePort + i));
        }
        return new ClusterLayout(cluster, nodes);
    }

    public int size() {
        return nodes.size();
    }

    public NodeAddress node(int index) {
        return nodes.get(index);
    }

    /** Every node's {@code HOST:PORT}, comma-separated: seeds a client or a joining node can use. */
    public String seeds() {
        return nodes.stream().map(NodeAddress::address).collect(Collectors.joining(","));
    }

    private static String id(int index) {
        return "n" + (index + 1);
    }
}
