package io.dynamo.cli;

import io.dynamo.security.TlsFiles;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --tls-cert FILE --tls-key FILE --tls-ca FILE}, the same on the node and on every client command; all three or none. */
public final class TlsOptions {
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "This process's certificate (PEM), from 'admin certs'; with --tls-key and --tls-ca, TLS 1.3 on every connection.")
    String cert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key (PEM, readable by its owner only).")
    String key;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "The cluster's CA certificate (PEM): peers must chain to it.")
    String ca;

    /** The files, or empty when TLS is off; a partial set or an unreadable file is refused with the flag's name. */
    public Optional<TlsFiles> files() {
        return TlsFiles.fromFlags(Optional.ofNullable(cert), Optional.ofNullable(key), Optional.ofNullable(ca));
    }
}
