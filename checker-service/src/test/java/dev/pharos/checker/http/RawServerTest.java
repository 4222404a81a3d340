package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checker against servers that write raw bytes: heads in pieces, interim answers, other protocols, hang-ups. */
class RawServerTest {

    private static Vertx vertx;
    private static HttpChecker checker;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static CheckCompleted check(String url, HttpMethod method, int timeoutMs) {
        var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url, method, timeoutMs, "200-399",
                true, 5, Instant.now(), CheckReason.SCHEDULED);
        return checker.check(request).await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void anInterimAnswerIsPassedOverAndAHeadInPiecesIsRead() throws Exception {
        CheckCompleted result = checkRawServer(5000, socket -> {
            OutputStream out = socket.getOutputStream();
            for (String piece : List.of("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n",
                    "HTTP/1.1 2", "04 No Content\r\nLoca", "tion: /elsewhere\r\nContent-Length: 0\r\n", "\r\n")) {
                out.write(piece.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        });
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertEquals(204, result.httpStatus(), "the final answer's status, not the interim one's");
    }

    @Test
    void aServerSpeakingAnotherProtocolIsAProtocolErrorAtOnce() throws Exception {
        // An SSH server's banner, then nothing: its first bytes show it is not HTTP, so the check need not wait.
        CheckCompleted result = checkRawServer(30_000, socket -> {
            socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().readAllBytes(); // holds the connection until the checker hangs up
        });
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(ErrorKind.PROTOCOL, result.errorKind(), result.toString());
        assertTrue(result.errorMessage().contains("SSH-2.0"), result.errorMessage());
        assertTrue(result.durationMs() < 30_000, "ended by the answer, not the timeout: " + result);
    }

    @Test
    void aServerThatHangsUpWithoutAnAnswerIsAProtocolError() throws Exception {
        CheckCompleted result = checkRawServer(5000, socket -> socket.getOutputStream().write(
                "HTTP/1.1 200 OK\r\nCont".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Outcome.DOWN, result.outcome());
        assertEquals(ErrorKind.PROTOCOL, result.errorKind(), result.toString());
        assertNull(result.httpStatus());
    }

    @Test
    void aRelativeRedirectResolvesAgainstTheAnsweringUrl() {
        assertEquals(URI.create("http://a.example/x"), HttpRequests.redirectTarget(URI.create("http://a.example"), "x"));
        assertEquals(URI.create("http://a.example:8080/b/x?q=1"),
                HttpRequests.redirectTarget(URI.create("http://a.example:8080/b/c"), "x?q=1"));
        assertEquals(URI.create("https://b.example/"),
                HttpRequests.redirectTarget(URI.create("http://a.example/b"), "https://b.example/"));
        assertEquals(URI.create("http://c.example/d"), HttpRequests.redirectTarget(URI.create("http://a.example/b"),
                "//c.example/d"));
    }

    /** What a raw server does with its one connection, after reading the request's head. */
    interface Answer {
        void write(Socket socket) throws IOException;
    }

    /** Checks a server that reads one request's head, answers with {@code answer}, and then hangs up. */
    private static CheckCompleted checkRawServer(int timeoutMs, Answer answer) throws Exception {
        try (var raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                try (Socket s = raw.accept()) {
                    var head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int b = s.getInputStream().read();
                        if (b < 0) {
                            return;
                        }
                        head.append((char) b);
                    }
                    answer.write(s);
                    s.getOutputStream().flush();
                    s.shutdownOutput();
                    s.getInputStream().readAllBytes(); // until the checker hangs up
                } catch (IOException ignored) {
                    // the checker may hang up first
                }
            });
            answerer.start();
            CheckCompleted result = check("http://127.0.0.1:" + raw.getLocalPort() + "/", HttpMethod.HEAD, timeoutMs);
            answerer.join(10_000);
            return result;
        }
    }
}
