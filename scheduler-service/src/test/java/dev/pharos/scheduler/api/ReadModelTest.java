package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static dev.pharos.scheduler.api.Api.with;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckTimings;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.IncidentOpened;
import dev.pharos.contracts.IncidentResolved;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.TopicProbe;
import dev.pharos.scheduler.service.Retention;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The read models, fed through the real broker: results (each once, newest first, in pages), uptime and response
 * times from the rollups, incidents from pharos.incidents, and the retention of raw results.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class ReadModelTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Retention retention;

    private static String createMonitor() {
        return asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"Read model\", \"url\": \"https://example.com/rm\", \"intervalSeconds\": 3600,"
                        + " \"contactEmail\": \"a@example.com\"}")
                .post("/api/v1/monitors").then().statusCode(201).extract().path("id");
    }

    private static CheckCompleted result(UUID monitor, Instant at, Outcome outcome, Integer status, ErrorKind kind,
                                         long durationMs, CheckTimings timings, Instant tlsExpiresAt) {
        return new CheckCompleted(1, UUID.randomUUID(), monitor, "default", "test", CheckReason.SCHEDULED,
                "https://example.com/rm", at, durationMs, status, outcome, kind, kind == null ? null : kind.name(),
                "https://example.com/rm", tlsExpiresAt, timings);
    }

    @Test
    void resultsUptimeIncidentsAndRetention() {
        UUID id = UUID.fromString(createMonitor());
        Instant now = Instant.now();
        Instant expiry = now.plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var up1 = result(id, now.minus(10, ChronoUnit.MINUTES), Outcome.UP, 200, null, 120,
                new CheckTimings(3L, 10L, 20L, 100L), expiry);
        var down503 = result(id, now.minus(9, ChronoUnit.MINUTES), Outcome.DOWN, 503, ErrorKind.UNEXPECTED_STATUS,
                40, new CheckTimings(null, 5L, null, 30L), null);
        var refused = result(id, now.minus(8, ChronoUnit.MINUTES), Outcome.DOWN, null, ErrorKind.CONNECT_REFUSED, 2,
                null, null);
        var up2 = result(id, now.minus(7, ChronoUnit.MINUTES), Outcome.UP, 200, null, 80, null, expiry);
        var old = result(id, now.minus(40, ChronoUnit.DAYS), Outcome.UP, 200, null, 70, null, null);
        var probe = new TopicProbe(bootstrapServers);
        for (CheckCompleted r : List.of(up1, down503, refused, up2, up1, old)) {
            probe.send(Topics.CHECKS_COMPLETED, id.toString(), r);
        }
        UUID incident = UUID.randomUUID();
        Instant opened = now.minus(9, ChronoUnit.MINUTES);
        probe.send(Topics.INCIDENTS, id.toString(), new IncidentOpened(1, incident, id, "HTTP 503", 503,
                ErrorKind.UNEXPECTED_STATUS, opened, opened));
        var resolved = new IncidentResolved(1, incident, id, opened.plusSeconds(120), 120, "HTTP 503", 503,
                ErrorKind.UNEXPECTED_STATUS, opened);
        probe.send(Topics.INCIDENTS, id.toString(), resolved);
        probe.send(Topics.INCIDENTS, id.toString(), resolved);

        // Each result once, though one was delivered twice; newest first.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin()
                .get("/api/v1/monitors/" + id + "/results").then().statusCode(200).body("items", hasSize(5)));
        asAdmin().get("/api/v1/monitors/" + id + "/results").then()
                .body("items[0].checkId", equalTo(up2.checkId().toString()))
                .body("items[3].checkId", equalTo(up1.checkId().toString()))
                .body("items[3].connectMs", equalTo(10))
                .body("items[3].tlsMs", equalTo(20))
                .body("items[3].firstByteMs", equalTo(100))
                .body("items[1].errorKind", equalTo("CONNECT_REFUSED"));
        var paged = new ArrayList<String>();
        String cursor = null;
        do {
            var page = asAdmin().get("/api/v1/monitors/" + id + "/results?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract();
            paged.addAll(page.<List<String>>path("items.checkId"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(up2, refused, down503, up1, old).stream().map(r -> r.checkId().toString()).toList(),
                paged);
        asAdmin().get("/api/v1/monitors/" + id).then()
                .body("lastCheck.tlsExpiresAt", equalTo(expiry.toString()));

        // 24 h: 4 checks, 2 good; answered in 120, 40 and 80 ms: mean 80, p50 within the 100 ms bucket, p95 200.
        asAdmin().get("/api/v1/monitors/" + id + "/uptime?window=24h").then().statusCode(200)
                .body("checks", equalTo(4)).body("upChecks", equalTo(2))
                .body("uptimePercent", equalTo(50.0f))
                .body("responseTimeMs.mean", equalTo(80.0f))
                .body("responseTimeMs.p50", equalTo(100))
                .body("responseTimeMs.p95", equalTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin()
                .get("/api/v1/monitors/" + id + "/incidents").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].cause", equalTo("HTTP 503"))
                .body("[0].resolvedAt", notNullValue())
                .body("[0].durationSeconds", equalTo(120)));
        asAdmin().get("/api/v1/monitors/" + id + "/uptime?window=24h").then().body("incidents", equalTo(1));
        asAdmin().get("/api/v1/incidents?status=resolved").then().statusCode(200).body("id", hasItem(incident.toString()));
        asAdmin().get("/api/v1/incidents?status=open").then().statusCode(200)
                .body("id", not(hasItem(incident.toString())));
        asAdmin().get("/api/v1/monitors/" + id + "/uptime?window=90d").then().body("checks", equalTo(5));

        // Raw results older than 30 days go; the hourly rollups keep the 90-day uptime.
        assertTrue(retention.purge(Instant.now()) >= 1);
        asAdmin().get("/api/v1/monitors/" + id + "/results").then().body("items", hasSize(4));
        asAdmin().get("/api/v1/monitors/" + id + "/uptime?window=90d").then().body("checks", equalTo(5));
    }

    @Test
    void anotherOwnerSeesNoneOfItAndBadParametersAre400() {
        String id = createMonitor();
        String otherKey = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"k\", \"ownerName\": \"Other " + UUID.randomUUID() + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        for (String path : List.of("/results", "/uptime", "/incidents")) {
            with(otherKey).get("/api/v1/monitors/" + id + path).then().statusCode(404)
                    .contentType(Problem.MEDIA_TYPE);
        }
        with(otherKey).get("/api/v1/incidents").then().statusCode(200).body("", hasSize(0));
        asAdmin().get("/api/v1/monitors/" + id + "/uptime?window=1y").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        asAdmin().get("/api/v1/monitors/" + id + "/results?cursor=nope").then().statusCode(400);
        asAdmin().get("/api/v1/monitors/" + id + "/results?limit=501").then().statusCode(400);
        asAdmin().get("/api/v1/incidents?status=maybe").then().statusCode(400);
    }
}
