package procos.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts the certificates of one keystore and nothing else: the self-signed certificate the
 * bench server generated on its first start (issued to {@code localhost}), so HTTPS to it is verified,
 * host name included, without trusting any other certificate.
 */
final class ServerCertificate {

    private ServerCertificate() {
    }

    static SSLContext trustedIn(Path keystore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore source = KeyStore.getInstance("PKCS12");
            source.load(in, password);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (String alias : Collections.list(source.aliases())) {
                Certificate certificate = source.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry(alias, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the server's certificate from " + keystore + ": " + e.getMessage(), e);
        }
    }
}
