package io.dynamo.security;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes certificates and keys as PEM. A key file is created readable and writable by its owner
 * only (POSIX 600) before a byte of the key is written, so it is never readable by others, even
 * for a moment; keys are unencrypted PKCS#8, which Netty's SSL context reads.
 */
public final class PemFiles {
    private PemFiles() {}

    public static void writeCertificate(Path file, X509Certificate certificate) {
        write(file, pem(certificate), false);
    }

    public static void writeKey(Path file, PrivateKey key) {
        try {
            write(file, pem(new JcaPKCS8Generator(key, null).generate()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the key for " + file, e);
        }
    }

    private static String pem(Object item) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(item);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PEM", e);
        }
        return text.toString();
    }

    private static void write(Path file, String text, boolean ownerOnly) {
        try {
            if (ownerOnly && Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(text);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(file + " exists already: not overwriting it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
