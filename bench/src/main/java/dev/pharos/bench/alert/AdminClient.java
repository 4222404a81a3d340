package dev.pharos.bench.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin API calls the benchmark needs, as a user's script would make them. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String key;

    public AdminClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** Creates a monitor with the default alert policy; returns its id. */
    public String createMonitor(String name, String url, int intervalSeconds, String email) throws IOException,
            InterruptedException {
        String body = JSON.createObjectNode().put("name", name).put("url", url).put("intervalSeconds", intervalSeconds)
                .put("contactEmail", email).toString();
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201).get("id").asText();
    }

    /** The monitor's status in the read model: UP, DOWN or PENDING. */
    public String status(String id) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors/" + id)).GET(), 200)
                .path("status").asText();
    }

    /** Deletes a monitor. */
    public void deleteMonitor(String id) throws IOException, InterruptedException {
        call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors/" + id)).DELETE(), 204);
    }

    private JsonNode call(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("expected HTTP " + expected + ", got " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
