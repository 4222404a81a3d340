package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.with;
import static dev.pharos.scheduler.api.DashboardApiTest.createMonitor;
import static dev.pharos.scheduler.api.DashboardApiTest.newOwnerKey;
import static dev.pharos.scheduler.api.DashboardApiTest.result;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Status pages through the API, the public page they make, and the badges of their monitors. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class StatusPageApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static String page(String slug, boolean enabled, String... monitors) {
        return "{\"slug\": \"" + slug + "\", \"title\": \"Shop <status>\", \"enabled\": " + enabled
                + ", \"monitorIds\": [" + String.join(", ", java.util.Arrays.stream(monitors)
                .map(m -> "\"" + m + "\"").toList()) + "]}";
    }

    @Test
    void anEnabledPageShowsItsMonitorsToAnyoneAndTheirBadges() {
        String key = newOwnerKey();
        String shown = createMonitor(key, "Checkout");
        String hidden = createMonitor(key, "Internal-admin");
        String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        new TopicProbe(bootstrapServers).send(Topics.CHECKS_COMPLETED, shown,
                result(UUID.fromString(shown), Instant.now(), Outcome.DOWN, 503, 20));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> with(key).get("/api/v1/monitors/" + shown)
                .then().body("status", equalTo("DOWN")));

        String id = with(key).contentType(ContentType.JSON).body(page(slug, false, shown))
                .post("/api/v1/status-pages").then().statusCode(201)
                .body("path", equalTo("/status/" + slug)).body("enabled", equalTo(false))
                .extract().path("id");
        // Opt-in: a page that is not enabled, and its monitors' badges, do not exist for the public.
        given().get("/status/" + slug).then().statusCode(404);
        given().get("/badge/" + shown + ".svg").then().statusCode(404);

        with(key).contentType(ContentType.JSON).body(page(slug, true, shown)).put("/api/v1/status-pages/" + id)
                .then().statusCode(200).body("enabled", equalTo(true));
        given().get("/status/" + slug).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Shop &lt;status&gt;"))
                .body(containsString("Checkout"))
                .body(containsString("1 of 1 down"))
                .body(containsString("aria-label=\"Uptime of Checkout, last 90 days"))
                .body(not(containsString("Internal-admin")))
                .body(not(containsString("https://example.com")));
        given().get("/badge/" + shown + ".svg").then().statusCode(200).contentType(containsString("image/svg+xml"))
                .body(containsString("<title>uptime 30d: 0.0% (down)</title>"));
        given().get("/badge/" + hidden + ".svg").then().statusCode(404);
        given().get("/badge/not-an-id.svg").then().statusCode(404);

        // A deleted monitor drops off the page and loses its badge.
        with(key).delete("/api/v1/monitors/" + shown).then().statusCode(204);
        given().get("/badge/" + shown + ".svg").then().statusCode(404);
        given().get("/status/" + slug).then().statusCode(200).body(not(containsString("Checkout")));
    }

    @Test
    void pagesAreValidatedAndOwnedLikeEverythingElse() {
        String keyA = newOwnerKey();
        String keyB = newOwnerKey();
        String monitorB = createMonitor(keyB, "b-only");
        String slug = "page-" + UUID.randomUUID().toString().substring(0, 8);

        with(keyA).contentType(ContentType.JSON).body("{\"slug\": \"No Spaces!\", \"title\": \"\"}")
                .post("/api/v1/status-pages").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("slug")).body("errors.field", hasItem("title"));
        // Another owner's monitor cannot be put on a page: named by its place in the list.
        with(keyA).contentType(ContentType.JSON).body(page(slug, true, monitorB))
                .post("/api/v1/status-pages").then().statusCode(400).body("errors[0].field", equalTo("monitorIds[0]"));
        String id = with(keyA).contentType(ContentType.JSON).body(page(slug, true))
                .post("/api/v1/status-pages").then().statusCode(201).extract().path("id");
        with(keyB).contentType(ContentType.JSON).body(page(slug, true)).post("/api/v1/status-pages")
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        with(keyB).get("/api/v1/status-pages/" + id).then().statusCode(404);
        with(keyB).get("/api/v1/status-pages").then().statusCode(200).body("$", hasSize(0));
        with(keyA).get("/api/v1/status-pages").then().statusCode(200).body("id", hasItem(id));
        given().get("/status/" + slug).then().statusCode(200).body(containsString("No monitors on this page yet"));
        with(keyA).delete("/api/v1/status-pages/" + id).then().statusCode(204);
        given().get("/status/" + slug).then().statusCode(404);
    }
}
