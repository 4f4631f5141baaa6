package io.dynamo.cli;

import io.dynamo.security.ClusterCertificates;
import io.dynamo.security.Role;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code admin certs}: a CA and a certificate per node, admin and client of one cluster (Bouncy Castle). */
@Command(name = "certs", description = "Create a cluster CA and, per name, a key and certificate: DIR/ca.pem, DIR/NAME.pem, DIR/NAME.key "
        + "(keys readable by their owner only).")
final class CertsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to (created; existing files are never overwritten).")
    Path out;

    @Option(names = "--cluster", defaultValue = "dynamo", paramLabel = "NAME",
            description = "Cluster the certificates are bound to: the nodes' --cluster (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--nodes", required = true, paramLabel = "NAME[,...]", description = "Node certificates (role node: everything).")
    String nodes;

    @Option(names = "--admins", defaultValue = "", paramLabel = "NAME[,...]", description = "Operator certificates (role admin: data and admin requests).")
    String admins;

    @Option(names = "--clients", defaultValue = "", paramLabel = "NAME[,...]", description = "Application certificates (role client: data requests only).")
    String clients;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Map<Role, List<String>> names = new EnumMap<>(Role.class);
        names.put(Role.NODE, list(nodes));
        names.put(Role.ADMIN, list(admins));
        names.put(Role.CLIENT, list(clients));
        List<Path> written = ClusterCertificates.write(out, cluster, names);
        output.print(new Written(cluster, out.toString(), written.stream().map(Path::toString).toList()));
        return 0;
    }

    /** The files written: the CA's, then each certificate with its key. */
    record Written(String cluster, String directory, List<String> files) implements OutputOptions.Report {
        @Override
        public String human() {
            return "cluster '" + cluster + "': wrote " + files.size() + " files to " + directory + " (CA, and " + (files.size() / 2 - 1)
                    + " certificates with their keys); keep ca.key offline";
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
