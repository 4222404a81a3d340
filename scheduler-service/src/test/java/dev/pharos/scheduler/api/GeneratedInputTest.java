package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pharos.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated inputs per endpoint — valid monitors mutated field by field, wrong types, unknown fields,
 * truncated and broken JSON, huge and exotic strings, odd query parameters — and never a 5xx: every refusal is a 4xx
 * problem document. The generator is seeded; a failure prints the seed and the input, so it can be replayed.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class GeneratedInputTest {

    private static final int CASES = Integer.getInteger("pharos.fuzz.cases", 2_000);
    private static final long SEED = Long.getLong("pharos.fuzz.seed", 20261124L);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {"name", "url", "method", "intervalSeconds", "timeoutSeconds",
            "expectedStatuses", "followRedirects", "maxRedirects", "requestHeaders", "tags", "paused",
            "maintenanceWindows", "regions", "alertPolicy", "contactEmail", "contacts"};
    private static final String[] CHANNEL_FIELDS = {"name", "kind", "target", "settings"};
    private static final String[] PAGE_FIELDS = {"slug", "title", "enabled", "monitorIds"};

    private final Random random = new Random(SEED);

    @Test
    void createNeverAnswers5xx() {
        run("POST /api/v1/monitors", body -> {
            Response response = asAdmin().contentType("application/json").body(body).post("/api/v1/monitors");
            if (response.statusCode() == 201) {
                asAdmin().delete("/api/v1/monitors/" + response.path("id"));
            }
            return response;
        });
    }

    @Test
    void replaceAndPatchNeverAnswer5xx() {
        String id = asAdmin().contentType("application/json").body(valid().put("paused", true).toString())
                .post("/api/v1/monitors").then().statusCode(201).extract().path("id");
        run("PUT /api/v1/monitors/{id}",
                body -> asAdmin().contentType("application/json").body(body).put("/api/v1/monitors/" + id));
        run("PATCH /api/v1/monitors/{id}",
                body -> asAdmin().contentType("application/merge-patch+json").body(body)
                        .patch("/api/v1/monitors/" + id));
    }

    @Test
    void channelsNeverAnswer5xx() {
        run("POST /api/v1/channels", () -> generate(validChannel(), CHANNEL_FIELDS), body -> {
            Response response = asAdmin().contentType("application/json").body(body).post("/api/v1/channels");
            if (response.statusCode() == 201) {
                asAdmin().delete("/api/v1/channels/" + response.path("id"));
            }
            return response;
        });
        String id = asAdmin().contentType("application/json").body(validChannel().toString())
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        run("PUT /api/v1/channels/{id}", () -> generate(validChannel(), CHANNEL_FIELDS),
                body -> asAdmin().contentType("application/json").body(body).put("/api/v1/channels/" + id));
    }

    @Test
    void statusPagesNeverAnswer5xx() {
        run("POST /api/v1/status-pages", () -> generate(validPage(), PAGE_FIELDS), body -> {
            Response response = asAdmin().contentType("application/json").body(body).post("/api/v1/status-pages");
            if (response.statusCode() == 201) {
                asAdmin().delete("/api/v1/status-pages/" + response.path("id"));
            }
            return response;
        });
        String id = asAdmin().contentType("application/json").body(validPage().toString())
                .post("/api/v1/status-pages").then().statusCode(201).extract().path("id");
        run("PUT /api/v1/status-pages/{id}", () -> generate(validPage(), PAGE_FIELDS),
                body -> asAdmin().contentType("application/json").body(body).put("/api/v1/status-pages/" + id));
    }

    private ObjectNode validPage() {
        ObjectNode page = NODES.objectNode().put("slug", "fuzz-" + Integer.toHexString(random.nextInt()))
                .put("title", "Fuzzed page").put("enabled", random.nextBoolean());
        page.putArray("monitorIds");
        return page;
    }

    @Test
    void apiKeysNeverAnswer5xx() {
        run("POST /api/v1/api-keys", body -> asAdmin().contentType("application/json").body(body)
                .post("/api/v1/api-keys"));
    }

    @Test
    void listQueriesNeverAnswer5xx() {
        var failures = new ArrayList<String>();
        for (int i = 0; i < CASES; i++) {
            String[] names = {"tag", "status", "q", "limit", "cursor", "window"};
            var request = asAdmin().urlEncodingEnabled(true);
            String description = "";
            for (String name : names) {
                if (random.nextBoolean()) {
                    String value = random.nextInt(3) == 0 ? String.valueOf(random.nextLong()) : randomText(60);
                    request = request.queryParam(name, value);
                    description += name + "=" + value + " ";
                }
            }
            check("GET /api/v1/monitors?" + description, request.get("/api/v1/monitors"), failures);
        }
        assertTrue(failures.isEmpty(), "seed " + SEED + ": " + failures);
    }

    @Test
    void aBodyOver256KbIsA413ProblemDocument() {
        String huge = "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}";
        Response response = asAdmin().contentType("application/json").body(huge).post("/api/v1/monitors");
        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.contentType().split(";")[0]);
        assertEquals(413, (int) response.path("status"));
    }

    private void run(String endpoint, Function<String, Response> call) {
        run(endpoint, () -> generate(valid(), FIELDS), call);
    }

    private void run(String endpoint, Supplier<String> bodies, Function<String, Response> call) {
        var failures = new ArrayList<String>();
        for (int i = 0; i < CASES; i++) {
            String body = bodies.get();
            check(endpoint + " " + abbreviate(body), call.apply(body), failures);
        }
        assertTrue(failures.isEmpty(), "seed " + SEED + ": " + failures);
    }

    private static void check(String input, Response response, List<String> failures) {
        int status = response.statusCode();
        boolean ok = status < 400 || (status < 500 && response.contentType().startsWith(Problem.MEDIA_TYPE)
                && Integer.valueOf(status).equals(response.path("status")));
        if (!ok && failures.size() < 5) {
            failures.add("HTTP " + status + " for " + input + ": " + abbreviate(response.asString()));
        }
    }

    /** A valid body (a monitor, a channel), mutated zero to four times, or broken JSON now and then. */
    private String generate(ObjectNode monitor, String[] fields) {
        int mutations = random.nextInt(5);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(5)) {
                case 0, 1 -> monitor.set(fields[random.nextInt(fields.length)], randomValue(3));
                case 2 -> monitor.remove(fields[random.nextInt(fields.length)]);
                case 3 -> monitor.set(randomText(12), randomValue(2));
                default -> monitor.set(fields == FIELDS ? "alertPolicy" : "settings", randomObject(2));
            }
        }
        String text = random.nextInt(20) == 0 ? randomValue(3).toString() : monitor.toString();
        return switch (random.nextInt(25)) {
            case 0 -> text.substring(0, random.nextInt(text.length() + 1));
            case 1 -> text.replace(":", random.nextBoolean() ? "::" : "=");
            case 2 -> new String(randomBytes(), StandardCharsets.ISO_8859_1);
            default -> text;
        };
    }

    private static ObjectNode validChannel() {
        ObjectNode channel = NODES.objectNode();
        channel.put("name", "Generated").put("kind", "webhook").put("target", "https://hooks.example.com/fuzz")
                .putObject("settings").put("secret", "generated-secret-0123456789");
        return channel;
    }

    private static ObjectNode valid() {
        ObjectNode monitor = NODES.objectNode();
        monitor.put("name", "Generated").put("url", "https://example.com/fuzz").put("intervalSeconds", 3600)
                .put("paused", true).put("contactEmail", "fuzz@example.com");
        return monitor;
    }

    private JsonNode randomValue(int depth) {
        return switch (random.nextInt(depth <= 0 ? 6 : 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(switch (random.nextInt(4)) {
                case 0 -> random.nextInt(100);
                case 1 -> random.nextLong();
                case 2 -> -random.nextInt(1000);
                default -> Integer.MAX_VALUE + (long) random.nextInt(10);
            });
            case 3 -> NODES.numberNode(random.nextInt(3) == 0 ? 1e308 : random.nextDouble() * 1000);
            case 4, 5 -> NODES.textNode(randomText(random.nextInt(8) == 0 ? 5_000 : 40));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(random.nextInt(10) == 0 ? 30 : 4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            default -> randomObject(depth - 1);
        };
    }

    private ObjectNode randomObject(int depth) {
        ObjectNode object = NODES.objectNode();
        String[] keys = {"failuresToOpen", "successesToClose", "reminderMinutes", "start", "end", "X-Probe",
                randomText(8)};
        for (int i = random.nextInt(4); i > 0; i--) {
            object.set(keys[random.nextInt(keys.length)], randomValue(depth));
        }
        return object;
    }

    /** Text from several worlds: plain, digits, URLs, control characters, emoji, lone surrogates. */
    private String randomText(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        var text = new StringBuilder();
        String[] pieces = {"a", "Z", "0", "9", " ", "-", "_", ".", "/", ":", "%", "\"", "\\", "\u0000", "\t", "\n",
                "\u2003", "é", "日本", "😀", "\uD800", "http://", "https://", "200-299", "HEAD", "GET", "@", ","};
        while (text.length() < length) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
