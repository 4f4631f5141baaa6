package io.dynamo.security;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a certificate names: the cluster it belongs to, its role and its holder's name, carried as
 * the subject alternative name URI {@code dynamo://CLUSTER/ROLE/NAME}. Binding the cluster into the
 * certificate is what refuses a node of another cluster whose certificate comes from the same CA.
 */
public record PeerIdentity(String cluster, Role role, String name) {
    public static final String SCHEME = "dynamo://";
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The subjectAltName type of a uniformResourceIdentifier (RFC 5280 §4.2.1.6). */
    private static final int URI_NAME = 6;

    public PeerIdentity {
        requireWord("cluster", cluster);
        if (role == null) {
            throw new IllegalArgumentException("a peer identity needs a role");
        }
        requireWord("name", name);
    }

    public String uri() {
        return SCHEME + cluster + "/" + role.text() + "/" + name;
    }

    /** The identity in {@code uri}, or empty when it is not a {@code dynamo://CLUSTER/ROLE/NAME} URI. */
    public static Optional<PeerIdentity> parse(String uri) {
        if (!uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String[] parts = uri.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PeerIdentity(parts[0], Role.parse(parts[1]), parts[2]));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /** The identity {@code certificate} carries, or empty when it has no (single) dynamo URI. */
    public static Optional<PeerIdentity> of(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            List<PeerIdentity> found = names.stream()
                    .filter(n -> n.size() == 2 && Integer.valueOf(URI_NAME).equals(n.get(0)) && n.get(1) instanceof String)
                    .map(n -> parse((String) n.get(1)))
                    .flatMap(Optional::stream)
                    .toList();
            // Two identities in one certificate would let its holder pick the stronger: refuse both.
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        } catch (CertificateParsingException malformed) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} can be a cluster or holder name in a certificate. */
    public static boolean isWord(String text) {
        return text != null && WORD.matcher(text).matches();
    }

    private static void requireWord(String what, String value) {
        if (!isWord(value)) {
            throw new IllegalArgumentException("a certificate's " + what + " must be 1 to 64 letters, digits, '.', '_' or '-', got '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        return uri();
    }
}
