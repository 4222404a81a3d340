package dev.pharos.checker.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a checker trusts: the JDK's public CAs, plus, when configured, those of an extra trust store (an
 * intranet's own CA, say). Adding never replaces: sites with public certificates stay checkable.
 */
final class TrustStores {

    private TrustStores() {
    }

    /** Empty when no extra trust store is configured: the client then uses the JDK's defaults as they are. */
    static Optional<TrustManagerFactory> extraTrust(Optional<String> path, Optional<String> password) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            KeyStore combined = KeyStore.getInstance(KeyStore.getDefaultType());
            combined.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
                combined.setCertificateEntry("jdk-" + n++, ca);
            }
            KeyStore extra = KeyStore.getInstance(path.get().endsWith(".jks") ? "JKS" : "PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(path.get()))) {
                extra.load(in, password.map(String::toCharArray).orElse(null));
            }
            int added = 0;
            for (String alias : Collections.list(extra.aliases())) {
                Certificate certificate = extra.getCertificate(alias);
                if (certificate != null) {
                    combined.setCertificateEntry("extra-" + alias, certificate);
                    added++;
                }
            }
            if (added == 0) {
                throw new IllegalArgumentException("pharos.checker.trust-store " + path.get()
                        + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(combined);
            return Optional.of(factory);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read pharos.checker.trust-store " + path.get() + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }
}
