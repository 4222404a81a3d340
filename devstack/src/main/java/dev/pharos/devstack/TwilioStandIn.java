package dev.pharos.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on 127.0.0.1 standing in for Twilio's Messages resource of one account, with state: {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json} (form fields To, From, Body) stores a message and answers 201 with it;
 * {@code GET} of the same path lists the stored messages newest first, filtered by the To and From parameters,
 * {@code PageSize} at a time, as Twilio does. Requests without basic authentication of the account get 401. It can
 * be made to answer 503 to everything for a while, as a provider outage.
 */
public final class TwilioStandIn implements AutoCloseable {

    /** One accepted message. */
    public record Message(String sid, String to, String from, String body, Instant createdAt) {
    }

    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "stand-in-auth-token-0123";
    public static final String FROM = "+15005550006";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Message> messages = new ArrayList<>();
    private final AtomicLong sids = new AtomicLong();
    private volatile boolean down;
    private volatile Duration answerLate = Duration.ZERO;

    private TwilioStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json", this::handle);
        server.start();
    }

    public static TwilioStandIn start() {
        try {
            return new TwilioStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, for {@code pharos.notifier.twilio.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The notifier's environment for this account: base URL, SID, token and sender number. */
    public Map<String, String> notifierEnv() {
        return Map.of("PHAROS_NOTIFIER_TWILIO_BASE_URL", baseUrl(),
                "PHAROS_NOTIFIER_TWILIO_ACCOUNT_SID", ACCOUNT_SID,
                "PHAROS_NOTIFIER_TWILIO_AUTH_TOKEN", AUTH_TOKEN,
                "PHAROS_NOTIFIER_TWILIO_FROM", FROM);
    }

    /** Answers 503 to every request, sending and listing, until {@link #bringBack()}. */
    public void takeDown() {
        down = true;
    }

    public void bringBack() {
        down = false;
    }

    /**
     * Stores each following message at once but answers its POST only after {@code delay}, as a provider that
     * accepted it and then was slow to say so; {@link Duration#ZERO} answers at once again. Lists answer at once.
     */
    public void answerLate(Duration delay) {
        answerLate = delay;
    }

    /** Every message accepted so far, oldest first. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (down) {
                reply(exchange, 503, "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}");
            } else if (!authorized(exchange)) {
                reply(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            } else if ("POST".equals(exchange.getRequestMethod())) {
                String stored = JSON.writeValueAsString(json(store(fields(body))));
                Processes.pause(answerLate);
                reply(exchange, 201, stored);
            } else if ("GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 200, list(fields(exchange.getRequestURI().getRawQuery())));
            } else {
                reply(exchange, 405, "{\"code\":20004,\"message\":\"Method not allowed\",\"status\":405}");
            }
        }
    }

    private static boolean authorized(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private synchronized Message store(Map<String, String> form) {
        var message = new Message(String.format("SM%032x", sids.incrementAndGet()), form.get("To"), form.get("From"),
                form.get("Body"), Instant.now());
        messages.add(message);
        return message;
    }

    private synchronized String list(Map<String, String> query) throws IOException {
        int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
        ArrayNode page = JSON.createArrayNode();
        for (int i = messages.size() - 1; i >= 0 && page.size() < pageSize; i--) {
            Message m = messages.get(i);
            if (query.getOrDefault("To", m.to()).equals(m.to())
                    && query.getOrDefault("From", m.from()).equals(m.from())) {
                page.add(json(m));
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("messages", page);
        answer.putNull("next_page_uri");
        return JSON.writeValueAsString(answer);
    }

    private static ObjectNode json(Message m) {
        return JSON.createObjectNode().put("sid", m.sid()).put("to", m.to()).put("from", m.from())
                .put("body", m.body()).put("status", "queued").put("date_created", RFC_2822.format(m.createdAt()));
    }

    private static Map<String, String> fields(String encoded) {
        var fields = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
