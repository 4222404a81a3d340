package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checker against real local servers that produce each answer. */
public class HttpCheckerTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static HttpChecker checker;
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/unavailable", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/no-head", exchange -> {
            seen.add("no-head " + exchange.getRequestMethod());
            boolean head = exchange.getRequestMethod().equals("HEAD");
            byte[] body = "a body the checker must not keep".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(head ? 405 : 200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.createContext("/endless", exchange -> {
            // A body that never ends: a check that read it would run into its timeout.
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException hungUp) {
                exchange.close();
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.start();
        vertx = Vertx.vertx();
        checker = new HttpChecker(vertx, new TestConfig(true, List.of()));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static CheckCompleted check(String url, HttpMethod method, int timeoutMs) {
        var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url, method, timeoutMs, "200-399",
                true, 5, Instant.now(), CheckReason.SCHEDULED);
        CheckCompleted result = checker.check(request).await().atMost(Duration.ofSeconds(30));
        assertEquals(request.checkId(), result.checkId());
        assertEquals("eu-test", result.region());
        return result;
    }

    @Test
    void upWhenTheStatusIsExpected() {
        CheckCompleted result = check(url("/ok"), HttpMethod.HEAD, 5000);
        assertEquals(Outcome.UP, result.outcome());
        assertEquals(200, result.httpStatus());
        assertNull(result.errorKind());
        assertTrue(seen.contains("HEAD Pharos/test"), "sent a HEAD with the Pharos user agent: " + seen);
        assertNull(result.timings().dnsMs(), "an IP literal needs no lookup");
        assertTrue(result.timings().connectMs() != null && result.timings().connectMs() >= 0, result.toString());
        assertTrue(result.timings().firstByteMs() != null && result.timings().firstByteMs() >= 0, result.toString());
        assertNull(result.timings().tlsMs(), "no TLS for http: " + result);
        assertTrue(result.durationMs() >= result.timings().connectMs() + result.timings().firstByteMs(),
                result.toString());
        assertNull(result.tlsExpiresAt(), "plain http has no certificate");
    }

    @Test
    void aHostNameIsResolvedAndTheLookupTimed() {
        CheckCompleted result = check(url("/ok").replace("127.0.0.1", "localhost"), HttpMethod.HEAD, 5000);
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertTrue(result.timings().dnsMs() != null && result.timings().dnsMs() >= 0, result.toString());
    }

    @Test
    void aGetReadsTheHeadersOnlyAndNeverTheBody() {
        CheckCompleted result = check(url("/endless"), HttpMethod.GET, 3000);
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertEquals(200, result.httpStatus());
        assertTrue(result.durationMs() < 3000, "done before the timeout: " + result);
    }

    @Test
    void downWithTheStatusWhenItIsNot() {
        CheckCompleted result = check(url("/unavailable"), HttpMethod.HEAD, 5000);
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(503, result.httpStatus());
        assertEquals(ErrorKind.UNEXPECTED_STATUS, result.errorKind());
        assertEquals("HTTP 503", result.errorMessage());
    }

    @Test
    void retriesAsGetWhenHeadIsNotAllowed() {
        CheckCompleted result = check(url("/no-head"), HttpMethod.HEAD, 5000);
        assertEquals(Outcome.UP, result.outcome());
        assertEquals(200, result.httpStatus());
        assertTrue(seen.containsAll(List.of("no-head HEAD", "no-head GET")), seen.toString());
    }

    @Test
    void followsRedirectsAndRecordsTheFinalUrl() {
        CheckCompleted result = check(url("/moved"), HttpMethod.GET, 5000);
        assertEquals(Outcome.UP, result.outcome());
        assertEquals(200, result.httpStatus());
        assertTrue(result.finalUrl().endsWith("/ok"), result.finalUrl());
    }

    @Test
    void connectRefusedOnAClosedPort() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CheckCompleted result = check("http://127.0.0.1:" + closedPort + "/", HttpMethod.HEAD, 5000);
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(ErrorKind.CONNECT_REFUSED, result.errorKind());
        assertNull(result.httpStatus());
    }

    @Test
    void timeoutWhenTheServerNeverAnswers() throws Exception {
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var held = new CopyOnWriteArrayList<Socket>();
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            CheckCompleted result = check("http://127.0.0.1:" + silent.getLocalPort() + "/", HttpMethod.HEAD, 1000);
            assertEquals(Outcome.DOWN, result.outcome());
            assertEquals(ErrorKind.TIMEOUT, result.errorKind());
            assertTrue(result.timings().connectMs() != null && result.timings().firstByteMs() == null,
                    result.toString());
            acceptor.join(5000);
            // The check gave up, so it hangs up: the server sees the connection end rather than wait forever.
            Socket accepted = held.get(0);
            accepted.setSoTimeout(5000);
            try {
                // Returns at the end of the stream; a read timeout (no hang-up within 5 s) fails the test.
                accepted.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                // a reset is a hang-up too
            }
            accepted.close();
        }
    }

    @Test
    void connectTimeoutWhenTheServerTakesNoMoreConnections() throws Exception {
        // A listener that never accepts: once its queue is full, the kernel drops new connection attempts unanswered.
        try (var full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var queued = new ArrayList<Socket>();
            try {
                while (queued.size() < 64) {
                    var socket = new Socket();
                    queued.add(socket);
                    socket.connect(full.getLocalSocketAddress(), 200);
                }
            } catch (IOException queueFull) {
                // the last attempt timed out: the queue is full
            }
            assertTrue(queued.size() < 64, "the listener's queue never filled up");
            CheckCompleted result = check("http://127.0.0.1:" + full.getLocalPort() + "/", HttpMethod.HEAD, 1000);
            assertEquals(Outcome.DOWN, result.outcome());
            assertEquals(ErrorKind.CONNECT_TIMEOUT, result.errorKind(), result.toString());
            assertNull(result.timings().connectMs(), result.toString());
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    @Test
    void protocolErrorOnAGarbageAnswer() throws Exception {
        try (var garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                try (Socket s = garbage.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the checker may hang up first
                }
            });
            answerer.start();
            CheckCompleted result = check("http://127.0.0.1:" + garbage.getLocalPort() + "/", HttpMethod.HEAD, 5000);
            assertEquals(Outcome.DOWN, result.outcome());
            assertEquals(ErrorKind.PROTOCOL, result.errorKind());
            answerer.join(5000);
        }
    }

    @Test
    void aMalformedRequestBecomesADownResultNotAnError() {
        CheckCompleted badUrl = check("http://[not-an-address/", HttpMethod.HEAD, 5000);
        assertEquals(Outcome.DOWN, badUrl.outcome());
        assertTrue(badUrl.errorKind() != null && badUrl.errorMessage() != null, badUrl.toString());

        var badStatuses = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url("/ok"), HttpMethod.HEAD,
                5000, "two hundred", true, 5, Instant.now(), CheckReason.SCHEDULED);
        CheckCompleted result = checker.check(badStatuses).await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.DOWN, result.outcome());
        assertTrue(result.errorMessage().contains("two hundred"), result.errorMessage());
    }

    /** The checker's settings for tests: region eu-test, and whether local (private) targets are allowed. */
    public record TestConfig(boolean allowPrivateTargets, List<String> allowed, Optional<String> trustStore,
                             int maxInFlight) implements CheckerConfig {

        public TestConfig(boolean allowPrivateTargets, List<String> allowed) {
            this(allowPrivateTargets, allowed, Optional.empty(), 50);
        }

        TestConfig(boolean allowPrivateTargets, List<String> allowed, Optional<String> trustStore) {
            this(allowPrivateTargets, allowed, trustStore, 50);
        }

        public String region() {
            return "eu-test";
        }

        public Optional<String> id() {
            return Optional.of("checker-test");
        }

        public int perHostConcurrency() {
            return 4;
        }

        public Optional<List<String>> allowedTargets() {
            return Optional.of(allowed);
        }

        public String userAgent() {
            return "Pharos/test";
        }

        public Duration shutdownGrace() {
            return Duration.ofSeconds(15);
        }

        public Optional<String> trustStorePassword() {
            return trustStore.map(path -> "changeit");
        }
    }
}
