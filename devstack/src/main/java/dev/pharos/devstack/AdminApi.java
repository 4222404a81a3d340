package dev.pharos.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client for the admin API, as a user's script would call it. */
public final class AdminApi {

    /** The first admin's key of every Pharos the end-to-end tests start. */
    public static final String ADMIN_KEY = "pharos-e2e-admin-key-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public AdminApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates a monitor and returns its JSON; fails unless the API answers 201. */
    public JsonNode createMonitor(String name, String url, int intervalSeconds, String email) {
        String body = JSON.createObjectNode().put("name", name).put("url", url).put("intervalSeconds", intervalSeconds)
                .put("contactEmail", email).toString();
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    /** Deletes a monitor; fails unless the API answers 204. */
    public void deleteMonitor(String id) {
        call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors/" + id)).DELETE(), 204);
    }

    /** POSTs a JSON body (or none) to an API path such as {@code /api/v1/channels}; fails on another status. */
    public JsonNode post(String path, String json, int expectedStatus) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        request = json == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return call(request, expectedStatus);
    }

    /** GETs an API path; fails unless the API answers 200. */
    public JsonNode get(String path) {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), 200);
    }

    public JsonNode monitor(String id) {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors/" + id)).GET(), 200);
    }

    public JsonNode monitors() {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/monitors")).GET(), 200);
    }

    private JsonNode call(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError("expected HTTP " + expectedStatus + " but got " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("admin API unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
