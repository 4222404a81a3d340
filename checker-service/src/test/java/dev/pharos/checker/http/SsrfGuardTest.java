package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker with production settings against real local servers: an internal target is refused before anything is
 * sent, also when a permitted site redirects there. 127.0.0.2 plays a permitted public site (an allowed range).
 */
class SsrfGuardTest {

    private static Vertx vertx;
    private static HttpServer internal;
    private static HttpServer permitted;
    private static final AtomicInteger internalHits = new AtomicInteger();
    private static HttpChecker checker;

    @BeforeAll
    static void start() throws IOException {
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        permitted = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        permitted.createContext("/to-internal", exchange -> {
            exchange.getResponseHeaders().add("Location", internalUrl("/secret"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        permitted.createContext("/to-permitted", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        permitted.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        permitted.start();
        vertx = Vertx.vertx();
        checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(false, List.of("127.0.0.2/32")));
    }

    @AfterAll
    static void stop() {
        internal.stop(0);
        permitted.stop(0);
        vertx.closeAndAwait();
    }

    private static String internalUrl(String path) {
        return "http://127.0.0.1:" + internal.getAddress().getPort() + path;
    }

    private static String permittedUrl(String path) {
        return "http://127.0.0.2:" + permitted.getAddress().getPort() + path;
    }

    private static CheckCompleted check(String url) {
        var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url, HttpMethod.HEAD, 5000,
                "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED);
        return checker.check(request).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void refusesALoopbackTargetWithoutSendingAnything() {
        int before = internalHits.get();
        CheckCompleted result = check(internalUrl("/"));
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(ErrorKind.SSRF_BLOCKED, result.errorKind());
        assertTrue(result.errorMessage().contains("loopback"), result.errorMessage());
        assertEquals(before, internalHits.get(), "nothing reached the internal server");
    }

    @Test
    void refusesANameThatResolvesToLoopback() {
        CheckCompleted result = check("http://localhost:" + internal.getAddress().getPort() + "/");
        assertEquals(ErrorKind.SSRF_BLOCKED, result.errorKind());
    }

    @Test
    void refusesTheCloudMetadataEndpoint() {
        CheckCompleted result = check("http://169.254.169.254/latest/meta-data/");
        assertEquals(ErrorKind.SSRF_BLOCKED, result.errorKind());
        assertTrue(result.errorMessage().contains("link-local"), result.errorMessage());
    }

    @Test
    void refusesARedirectIntoTheInternalNetwork() {
        int before = internalHits.get();
        CheckCompleted result = check(permittedUrl("/to-internal"));
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(ErrorKind.SSRF_BLOCKED, result.errorKind());
        assertEquals(before, internalHits.get(), "the redirect was not followed to the internal server");
    }

    @Test
    void followsRedirectsBetweenPermittedAddresses() {
        CheckCompleted result = check(permittedUrl("/to-permitted"));
        assertEquals(Outcome.UP, result.outcome());
        assertEquals(204, result.httpStatus());
        assertEquals(permittedUrl("/ok"), result.finalUrl());
    }

    @Test
    void aLongQueueOfOneRefusedHostGetsOneResultEachAndFreesItsSlots() {
        // 2,000 checks of one host, refused as soon as resolved: all but four wait for the host's slots, and each one
        // ending hands its slot to the next. Every check gets exactly one result, and the slots all come back.
        int checks = 2_000;
        var results = new java.util.concurrent.ConcurrentHashMap<UUID, AtomicInteger>();
        for (int i = 0; i < checks; i++) {
            var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(),
                    "http://169.254.169.254/latest/meta-data/", HttpMethod.HEAD, 5000, "200-399", true, 5,
                    Instant.now(), CheckReason.SCHEDULED);
            results.put(request.checkId(), new AtomicInteger());
            checker.check(request, result -> {
                assertEquals(ErrorKind.SSRF_BLOCKED, result.errorKind());
                results.get(result.checkId()).incrementAndGet();
            });
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> results.values().stream().allMatch(count -> count.get() >= 1));
        assertTrue(results.values().stream().allMatch(count -> count.get() == 1), "a check had two results");
        // The host's slots are free again: a check of it is not kept waiting.
        assertEquals(ErrorKind.SSRF_BLOCKED, check("http://169.254.169.254/again").errorKind());
    }
}
