package io.dynamo.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a secure cluster needs, written to one directory: the CA ({@code ca.pem}, and its key
 * {@code ca.key} to keep offline) and per holder {@code NAME.pem} and {@code NAME.key}. Keys are
 * readable by their owner only. Nothing is overwritten: an existing file stops it before any is written.
 */
public final class ClusterCertificates {
    private ClusterCertificates() {}

    /**
     * Writes a new CA and one certificate per name, in its role.
     *
     * @return the files written, certificates before keys
     * @throws IllegalArgumentException for a bad or repeated name, no node, or a file that exists already
     */
    public static List<Path> write(Path dir, String cluster, Map<Role, List<String>> names) {
        Map<String, Role> holders = holders(names);
        List<Path> targets = new ArrayList<>(List.of(dir.resolve("ca.pem"), dir.resolve("ca.key")));
        holders.keySet().forEach(n -> targets.addAll(List.of(dir.resolve(n + ".pem"), dir.resolve(n + ".key"))));
        for (Path p : targets) {
            if (Files.exists(p)) {
                throw new IllegalArgumentException(p + " exists already: not overwriting it (choose another --out)");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        CertificateAuthority ca = CertificateAuthority.create(cluster);
        PemFiles.writeCertificate(dir.resolve("ca.pem"), ca.ca().certificate());
        PemFiles.writeKey(dir.resolve("ca.key"), ca.ca().key().getPrivate());
        holders.forEach((name, role) -> {
            CertificateAuthority.Issued issued = ca.issue(role, name);
            PemFiles.writeCertificate(dir.resolve(name + ".pem"), issued.certificate());
            PemFiles.writeKey(dir.resolve(name + ".key"), issued.key().getPrivate());
        });
        return targets;
    }

    private static Map<String, Role> holders(Map<Role, List<String>> names) {
        if (names.getOrDefault(Role.NODE, List.of()).isEmpty()) {
            throw new IllegalArgumentException("--nodes must name at least one node");
        }
        Map<String, Role> out = new LinkedHashMap<>();
        Set<String> reserved = new HashSet<>(Set.of("ca"));
        for (Role role : List.of(Role.NODE, Role.ADMIN, Role.CLIENT)) {
            for (String name : names.getOrDefault(role, List.of())) {
                if (!PeerIdentity.isWord(name)) {
                    throw new IllegalArgumentException("name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
                }
                if (!reserved.add(name)) {
                    throw new IllegalArgumentException("name '" + name + "' is given twice (or is 'ca'): each holder gets its own files");
                }
                out.put(name, role);
            }
        }
        return out;
    }
}
