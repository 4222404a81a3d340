package dev.pharos.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Creates the benchmark's monitors through the admin API, as an operator would: an owner per
 * {@code monitorsPerOwner} monitors (made with the admin key), each importing its monitors in documents of
 * {@code chunk} with {@code POST /api/v1/monitors/import}. An import matches monitors by name among the owner's
 * monitors, so an owner's share is kept moderate: each request reads the owner's existing monitors.
 */
final class MonitorImport {

    /** Not routable: nothing is checked in this benchmark, so the URL is never requested. */
    static final String TARGET_URL = "http://127.0.0.1:9/";

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;
    private final String adminKey;

    MonitorImport(String apiUrl, String adminKey) {
        this.apiUrl = apiUrl;
        this.adminKey = adminKey;
    }

    /** Creates {@code count} monitors at {@code intervalSeconds}; returns how many the API reported created. */
    int createMonitors(int count, int intervalSeconds, int chunk, int monitorsPerOwner) throws IOException {
        int created = 0;
        for (int ownerStart = 0; ownerStart < count; ownerStart += monitorsPerOwner) {
            String ownerKey = newOwner("bench-owner-" + (ownerStart / monitorsPerOwner + 1));
            int ownerEnd = Math.min(count, ownerStart + monitorsPerOwner);
            for (int from = ownerStart; from < ownerEnd; from += chunk) {
                created += importChunk(ownerKey, from, Math.min(ownerEnd, from + chunk), intervalSeconds);
            }
        }
        return created;
    }

    private String newOwner(String name) throws IOException {
        String body = post("/api/v1/api-keys", adminKey, "{\"name\":\"bench\",\"ownerName\":\"" + name + "\"}", 201);
        var key = KEY.matcher(body);
        if (!key.find()) {
            throw new IOException("no key in the answer to making owner " + name + ": " + body);
        }
        return key.group(1);
    }

    private int importChunk(String ownerKey, int from, int to, int intervalSeconds) throws IOException {
        var document = new StringBuilder(128 * (to - from)).append("{\"monitors\":[");
        for (int n = from; n < to; n++) {
            if (n > from) {
                document.append(',');
            }
            document.append(String.format("{\"name\":\"bench-%07d\",\"url\":\"%s\",\"intervalSeconds\":%d,"
                    + "\"contactEmail\":\"bench@example.com\"}", n, TARGET_URL, intervalSeconds));
        }
        String answer = post("/api/v1/monitors/import", ownerKey, document.append("]}").toString(), 200);
        var created = CREATED.matcher(answer);
        if (!created.find()) {
            throw new IOException("unexpected answer to an import: " + answer);
        }
        return Integer.parseInt(created.group(1));
    }

    private String post(String path, String key, String json, int expectedStatus) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IOException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
