package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.vertx.mutiny.core.Vertx;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real HTTPS servers with certificates made by keytool: one no one vouches for, one the checker is told to trust, a
 * trusted one that has expired, and a trusted one issued to another name than the URL's.
 */
class TlsTest {

    private static final String PASSWORD = "changeit";

    @Test
    void aSelfSignedCertificateIsATlsError(@TempDir Path dir) throws Exception {
        Path keystore = certificate(dir, "-validity", "2");
        CheckCompleted result = checkHttpsServer(keystore, Optional.empty());
        assertTlsError(result);
        assertNull(result.httpStatus());
    }

    @Test
    void aTrustedCertificateIsUpAndItsExpiryRecorded(@TempDir Path dir) throws Exception {
        Path keystore = certificate(dir, "-validity", "30");
        CheckCompleted result = checkHttpsServer(keystore, Optional.of(keystore.toString()));
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertEquals(200, result.httpStatus());
        Instant in30Days = Instant.now().plus(Duration.ofDays(30));
        assertTrue(Duration.between(result.tlsExpiresAt(), in30Days).abs().toHours() < 2,
                "expires in about 30 days: " + result.tlsExpiresAt());
        assertTrue(result.timings().connectMs() != null && result.timings().tlsMs() != null
                && result.timings().firstByteMs() != null, result.toString());
    }

    @Test
    void anExpiredCertificateIsATlsErrorEvenWhenTrusted(@TempDir Path dir) throws Exception {
        Path keystore = certificate(dir, "-startdate", "-10d", "-validity", "5");
        CheckCompleted result = checkHttpsServer(keystore, Optional.of(keystore.toString()));
        assertTlsError(result);
    }

    @Test
    void aTrustedCertificateForAnotherNameIsATlsError(@TempDir Path dir) throws Exception {
        // Trusted, valid, but issued to localhost only: a check of https://127.0.0.1 must not accept it.
        Path keystore = certificateFor(dir, "dns:localhost", "-validity", "30");
        CheckCompleted result = checkHttpsServer(keystore, Optional.of(keystore.toString()), "127.0.0.1");
        assertTlsError(result);
    }

    @Test
    void aHostNameIsVerifiedAgainstTheCertificate(@TempDir Path dir) throws Exception {
        Path keystore = certificateFor(dir, "dns:localhost", "-validity", "30");
        CheckCompleted result = checkHttpsServer(keystore, Optional.of(keystore.toString()), "localhost");
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertTrue(result.tlsExpiresAt() != null, result.toString());
    }

    @Test
    void aServerThatHangsUpDuringTheHandshakeIsATlsError() throws Exception {
        try (var hangsUp = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try {
                    hangsUp.accept().close(); // as a server refusing the SNI name, or a firewall, does
                } catch (java.io.IOException ignored) {
                    // the test is over
                }
            });
            closer.start();
            Vertx vertx = Vertx.vertx();
            try {
                var checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
                var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(),
                        "https://127.0.0.1:" + hangsUp.getLocalPort() + "/", HttpMethod.HEAD, 5000, "200-399",
                        true, 5, Instant.now(), CheckReason.SCHEDULED);
                assertTlsError(checker.check(request).await().atMost(Duration.ofSeconds(30)));
            } finally {
                vertx.closeAndAwait();
            }
            closer.join(5000);
        }
    }

    private static void assertTlsError(CheckCompleted result) {
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(ErrorKind.TLS, result.errorKind(), result.toString());
    }

    /** A PKCS12 key store with a new self-signed certificate for 127.0.0.1; {@code validity} are keytool options. */
    private static Path certificate(Path dir, String... validity) throws Exception {
        return certificateFor(dir, "ip:127.0.0.1,dns:localhost", validity);
    }

    /** As {@link #certificate}, for the subject alternative names {@code names} (keytool's SAN syntax). */
    private static Path certificateFor(Path dir, String names, String... validity) throws Exception {
        Path keystore = dir.resolve("site.p12");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "site", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=" + names, "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD));
        command.addAll(List.of(validity));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), output);
        return keystore;
    }

    private static CheckCompleted checkHttpsServer(Path keystore, Optional<String> trustStore) throws Exception {
        return checkHttpsServer(keystore, trustStore, "127.0.0.1");
    }

    /** Checks https://{@code host}:port/ of a server with the certificate of {@code keystore}. */
    private static CheckCompleted checkHttpsServer(Path keystore, Optional<String> trustStore, String host)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Vertx vertx = Vertx.vertx();
        try {
            var checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of(), trustStore));
            var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(),
                    "https://" + host + ":" + server.getAddress().getPort() + "/", HttpMethod.HEAD, 5000, "200-399",
                    true, 5, Instant.now(), CheckReason.SCHEDULED);
            return checker.check(request).await().atMost(Duration.ofSeconds(30));
        } finally {
            server.stop(0);
            vertx.closeAndAwait();
        }
    }
}
