package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A monitor's request headers as a real server receives them, on every hop of a check. The server is reached as
 * 127.0.0.1 (the monitor's origin) and as localhost (another origin: another host).
 */
class RequestHeadersTest {

    private static final Map<String, String> CREDENTIALS = Map.of(
            "Authorization", "Bearer s3cret",
            "Cookie", "session=abc",
            "X-Api-Key", "k-123");

    private static Vertx vertx;
    private static HttpServer server;
    private static HttpChecker checker;
    private static final List<Received> received = new CopyOnWriteArrayList<>();

    /** One request as the server saw it: method, path, query, and headers by lower-case name. */
    record Received(String method, String path, String query, Map<String, List<String>> headers) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(record(exchange));
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (path.equals("/redirect")) {
                // /redirect?to=<url-encoded URL>&... sends the check on to that URL
                String to = URLDecoder.decode(query.substring("to=".length()).split("&")[0], StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Location", to);
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/no-head") && exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
        vertx = Vertx.vertx();
        checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    private static Received record(HttpExchange exchange) {
        var headers = new TreeMap<String, List<String>>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers);
    }

    private static String origin() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static String otherOrigin() {
        return "localhost:" + server.getAddress().getPort();
    }

    /** A URL on {@code authority} whose requests this test can tell apart from the others' by {@code id}. */
    private static String url(String authority, String path, UUID id) {
        return "http://" + authority + path + (path.contains("?") ? "&" : "?") + "id=" + id;
    }

    private static String redirectTo(String authority, String target, UUID id) {
        return url(authority, "/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8), id);
    }

    private static CheckCompleted check(String url, HttpMethod method, Map<String, String> headers) {
        var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url, method, 5000, "200-399", true,
                5, Instant.now(), CheckReason.SCHEDULED, headers, List.of());
        CheckCompleted result = checker.check(request).await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        return result;
    }

    /** What the server received for this test's id, in order. */
    private static List<Received> receivedFor(UUID id) {
        return received.stream().filter(r -> r.query() != null && r.query().endsWith("id=" + id)).toList();
    }

    private static Map<String, String> withCredentials(Map<String, String> others) {
        var all = new TreeMap<String, String>(others);
        all.putAll(CREDENTIALS);
        return all;
    }

    @Test
    void theMonitorsHeadersArriveExactlyAndItsUserAgentReplacesOurs() {
        var id = UUID.randomUUID();
        check(url(origin(), "/echo", id), HttpMethod.HEAD, Map.of(
                "user-agent", "Acme-Probe/2.1 (+https://acme.example/bot)",
                "Authorization", "Bearer s3cret",
                "X-Tenant", "blue",
                "Accept-Language", "fr-CH, fr;q=0.9",
                "X-Note", "café au lait"));

        List<Received> hops = receivedFor(id);
        assertEquals(1, hops.size(), hops.toString());
        var expected = new TreeMap<String, List<String>>(Map.of(
                "host", List.of(origin()),
                "user-agent", List.of("Acme-Probe/2.1 (+https://acme.example/bot)"),
                "accept", List.of("*/*"),
                "authorization", List.of("Bearer s3cret"),
                "x-tenant", List.of("blue"),
                "accept-language", List.of("fr-CH, fr;q=0.9"),
                // the server reads header bytes as ISO-8859-1, the charset the checker sends them in
                "x-note", List.of("café au lait")));
        var actual = new TreeMap<>(hops.get(0).headers());
        // The checker closes every connection after its answer; Vert.x says so, which is the checker's to say.
        List<String> connection = actual.remove("connection");
        assertTrue(connection == null || connection.equals(List.of("close")), String.valueOf(connection));
        assertEquals(expected, actual);
    }

    @Test
    void withoutHeadersOfItsOwnAMonitorGetsOurUserAgent() {
        var id = UUID.randomUUID();
        check(url(origin(), "/echo", id), HttpMethod.GET, Map.of());
        Received hop = receivedFor(id).get(0);
        assertEquals("Pharos/test", hop.header("user-agent"));
        assertEquals("*/*", hop.header("accept"));
    }

    @Test
    void headersTheCheckerControlsAreNeverTheMonitors() {
        var id = UUID.randomUUID();
        // A GET that announced a chunked body or a length would leave the server waiting for it: the check would time
        // out instead of being UP.
        check(url(origin(), "/echo", id), HttpMethod.GET, Map.of(
                "Host", "intranet.example",
                "Content-Length", "10",
                "Transfer-Encoding", "chunked",
                "Connection", "keep-alive, X-Tenant",
                "Keep-Alive", "timeout=300",
                "Upgrade", "h2c",
                "TE", "trailers",
                "Expect", "100-continue",
                "Proxy-Authorization", "Basic c2VjcmV0",
                "X-Tenant", "blue"));

        Received hop = receivedFor(id).get(0);
        assertEquals(origin(), hop.header("host"));
        assertEquals("blue", hop.header("x-tenant"), "the monitor's own headers still arrive");
        for (String controlled : List.of("content-length", "transfer-encoding", "keep-alive", "upgrade", "te",
                "expect", "proxy-authorization")) {
            assertTrue(hop.header(controlled) == null, controlled + " was sent: " + hop.headers());
        }
        String connection = hop.header("connection");
        assertTrue(connection == null || connection.equals("close"), "Connection: " + connection);
    }

    @Test
    void aUrlCannotAddHeadersOrRequests() {
        // U+010D and U+010A would be CR and LF if their low bytes were sent: the path must go percent-encoded.
        var id = UUID.randomUUID();
        String path = "/a\u010D\u010AX-Injected:1\u010D\u010A";
        check(url(origin(), path, id), HttpMethod.HEAD, Map.of());

        Received hop = receivedFor(id).get(0);
        assertEquals(path, hop.path(), "the path arrives as it was written");
        assertTrue(hop.header("x-injected") == null, "a header was injected: " + hop.headers());
    }

    @Test
    void theGetAfterARefusedHeadCarriesTheHeadersToo() {
        var id = UUID.randomUUID();
        check(url(origin(), "/no-head", id), HttpMethod.HEAD,
                withCredentials(Map.of("User-Agent", "Acme-Probe/2", "X-Tenant", "blue")));

        List<Received> hops = receivedFor(id);
        assertEquals(List.of("HEAD", "GET"), hops.stream().map(Received::method).toList());
        for (Received hop : hops) {
            assertEquals("Acme-Probe/2", hop.header("user-agent"), hop.method());
            assertEquals("blue", hop.header("x-tenant"), hop.method());
            CREDENTIALS.forEach((name, value) ->
                    assertEquals(value, hop.header(name.toLowerCase(Locale.ROOT)), hop.method() + " " + name));
        }
    }

    @Test
    void aRedirectWithinTheOriginKeepsEveryHeader() {
        var id = UUID.randomUUID();
        CheckCompleted result = check(redirectTo(origin(), url(origin(), "/echo", id), id), HttpMethod.HEAD,
                withCredentials(Map.of("User-Agent", "Acme-Probe/2", "X-Tenant", "blue")));
        assertTrue(result.finalUrl().contains("/echo"), result.finalUrl());

        List<Received> hops = receivedFor(id);
        assertEquals(List.of("/redirect", "/echo"), hops.stream().map(Received::path).toList());
        for (Received hop : hops) {
            assertEquals("Acme-Probe/2", hop.header("user-agent"), hop.path());
            assertEquals("blue", hop.header("x-tenant"), hop.path());
            CREDENTIALS.forEach((name, value) ->
                    assertEquals(value, hop.header(name.toLowerCase(Locale.ROOT)), hop.path() + " " + name));
        }
    }

    @Test
    void aRedirectToAnotherOriginDropsTheCredentialsButKeepsTheRest() {
        var id = UUID.randomUUID();
        check(redirectTo(origin(), url(otherOrigin(), "/echo", id), id), HttpMethod.GET,
                withCredentials(Map.of("User-Agent", "Acme-Probe/2", "X-Tenant", "blue")));

        List<Received> hops = receivedFor(id);
        assertEquals(List.of(origin(), otherOrigin()), hops.stream().map(r -> r.header("host")).toList());
        Received first = hops.get(0);
        Received away = hops.get(1);
        CREDENTIALS.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            assertEquals(value, first.header(lower), "the monitor's origin gets " + name);
            assertEquals(null, away.header(lower), "another origin does not get " + name);
        });
        assertEquals("Acme-Probe/2", away.header("user-agent"));
        assertEquals("blue", away.header("x-tenant"));
    }

    @Test
    void credentialsDroppedOnceStayDroppedEvenWhenTheChainComesBack() {
        var id = UUID.randomUUID();
        String back = url(origin(), "/echo", id);
        check(redirectTo(origin(), redirectTo(otherOrigin(), back, id), id), HttpMethod.HEAD,
                withCredentials(Map.of("X-Tenant", "blue")));

        List<Received> hops = receivedFor(id);
        assertEquals(List.of(origin(), otherOrigin(), origin()),
                hops.stream().map(r -> r.header("host")).toList());
        Received last = hops.get(2);
        assertEquals(Map.of("x-tenant", List.of("blue")), last.headers().entrySet().stream()
                .filter(h -> h.getKey().startsWith("x-") || CREDENTIALS.keySet().stream()
                        .anyMatch(c -> c.equalsIgnoreCase(h.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
