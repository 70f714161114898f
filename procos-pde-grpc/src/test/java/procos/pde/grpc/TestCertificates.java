package procos.pde.grpc;

import io.grpc.testing.TlsTesting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * grpc-testing's test certificates, copied to files because the TLS APIs and the configuration
 * want paths. {@code ca.pem} issued {@code server1.pem} (valid for {@value #SERVER1_AUTHORITY}, not
 * for localhost) and {@code client.pem}; {@code badserver.pem} comes from another issuer.
 */
public final class TestCertificates {

    /** A host name in server1.pem's subject alternative names; tests reach the server as localhost. */
    public static final String SERVER1_AUTHORITY = "foo.test.google.fr";

    private TestCertificates() {
    }

    /** {@code dir/name}, copied there from grpc-testing if it is not there yet. */
    public static Path file(Path dir, String name) {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        try (InputStream in = TlsTesting.loadCert(name)) {
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy test certificate " + name, e);
        }
    }
}
