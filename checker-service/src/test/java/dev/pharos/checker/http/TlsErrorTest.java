package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real HTTPS server whose certificate no one vouches for: the check is DOWN with error kind TLS. */
class TlsErrorTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void aSelfSignedCertificateIsATlsError(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "site", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        keytool.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, keytool.exitValue(), output);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
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
            var checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
            var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(),
                    "https://127.0.0.1:" + server.getAddress().getPort() + "/", HttpMethod.HEAD, 5000, "200-399",
                    true, 5, Instant.now(), CheckReason.SCHEDULED);
            CheckCompleted result = checker.check(request).await().atMost(Duration.ofSeconds(30));
            assertEquals(Outcome.DOWN, result.outcome());
            assertEquals(ErrorKind.TLS, result.errorKind(), result.errorMessage());
            assertNull(result.httpStatus());
        } finally {
            server.stop(0);
            vertx.closeAndAwait();
        }
    }
}
