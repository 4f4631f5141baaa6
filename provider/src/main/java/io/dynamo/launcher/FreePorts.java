package io.dynamo.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports, one per host, all distinct. */
final class FreePorts {
    private FreePorts() {
    }

    /**
     * Every probe socket stays bound until all are chosen: closed one by one, the OS may hand the
     * same ephemeral port out twice.
     */
    static List<Integer> on(List<String> hosts) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            List<Integer> out = new ArrayList<>();
            for (String host : hosts) {
                ServerSocket s = new ServerSocket();
                probes.add(s);
                s.bind(new InetSocketAddress(host, 0));
                out.add(s.getLocalPort());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on " + hosts, e);
        } finally {
            for (ServerSocket s : probes) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a probe that does not close is of no consequence
                }
            }
        }
    }
}
