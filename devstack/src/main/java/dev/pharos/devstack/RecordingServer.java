package dev.pharos.devstack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 and a free port, standing in for a provider (Twilio, ntfy, Telegram, …): it
 * records every request as received and answers with a chosen status and body, or not at all.
 */
public final class RecordingServer implements AutoCloseable {

    /** One request exactly as the server saw it, and when it arrived. */
    public record Received(String method, String path, Headers headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String answer = "{\"ok\":true}";
    private volatile boolean hang;
    private volatile boolean echoPath;

    private RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RecordingServer start() {
        try {
            return new RecordingServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers every following request with this status and body. */
    public RecordingServer answer(int status, String body) {
        this.status = status;
        this.answer = body;
        return this;
    }

    /** Repeats each request's path after the answer's body, as a careless provider's error message might. */
    public RecordingServer echoPath() {
        this.echoPath = true;
        return this;
    }

    /** Never answers the following requests (until closed), as a provider that hangs. */
    public RecordingServer hang() {
        this.hang = true;
        return this;
    }

    /** How many requests have arrived so far, taken or not. */
    public int requestCount() {
        return requests.get();
    }

    /** The requests answered with a 2xx status, in order: what the provider accepted. */
    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    /** The next request received; fails when none arrives within 5 s. */
    public Received take() {
        return take(Duration.ofSeconds(5));
    }

    /** The next request received; fails when none arrives in time. */
    public Received take(Duration within) {
        try {
            Received request = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("no request reached the server within " + within);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            var request = new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    exchange.getRequestHeaders(), body, Instant.now());
            received.add(request);
            if (hang) {
                closed.await();
                return;
            }
            int answered = status;
            if (answered >= 200 && answered <= 299) {
                accepted.add(request); // before the answer, so a sender that saw it accepted finds it here
            }
            String text = echoPath ? answer + " (for " + exchange.getRequestURI().getRawPath() + ")" : answer;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answered, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
