package io.dynamo.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Where a process finds its TLS material: its certificate ({@code --tls-cert}), its private key
 * ({@code --tls-key}) and the cluster's CA certificate ({@code --tls-ca}), all PEM. Only the paths
 * are held (and shown): the key itself is read once, by the SSL context, and never logged.
 */
public record TlsFiles(Path cert, Path key, Path ca) {
    public TlsFiles {
        requireReadable("tls-cert", cert);
        requireReadable("tls-key", key);
        requireReadable("tls-ca", ca);
    }

    /**
     * The files of three flags given together, or empty when none is given.
     *
     * @throws IllegalArgumentException when only some are given, or a file cannot be read
     */
    public static Optional<TlsFiles> fromFlags(Optional<String> cert, Optional<String> key, Optional<String> ca) {
        if (cert.isEmpty() && key.isEmpty() && ca.isEmpty()) {
            return Optional.empty();
        }
        if (cert.isEmpty() || key.isEmpty() || ca.isEmpty()) {
            throw new IllegalArgumentException("--tls-cert, --tls-key and --tls-ca go together; missing"
                    + (cert.isEmpty() ? " --tls-cert" : "") + (key.isEmpty() ? " --tls-key" : "") + (ca.isEmpty() ? " --tls-ca" : ""));
        }
        return Optional.of(new TlsFiles(Path.of(cert.get()), Path.of(key.get()), Path.of(ca.get())));
    }

    /** Whether users other than the key's owner may read it (group or others); false where POSIX permissions do not exist. */
    public boolean keyReadableByOthers() {
        PosixFileAttributeView view = Files.getFileAttributeView(key, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of tls-key " + key, e);
        }
    }

    /** What to tell the user about a key others can read. */
    public String keyExposure() {
        return "tls-key " + key + " is readable by other users: chmod 600 " + key;
    }

    private static void requireReadable(String name, Path file) {
        if (file == null) {
            throw new IllegalArgumentException(name + " must be given");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(name + " " + file + " is not a readable file");
        }
    }
}
