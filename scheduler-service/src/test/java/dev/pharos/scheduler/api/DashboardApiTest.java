package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static dev.pharos.scheduler.api.Api.with;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The dashboard's bulk overview and the assets the dashboard is served from. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class DashboardApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    static String newOwnerKey() {
        return asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"k\", \"ownerName\": \"Dashboard " + UUID.randomUUID() + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    static String createMonitor(String key, String name) {
        return with(key).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"url\": \"https://example.com/" + name
                        + "\", \"intervalSeconds\": 3600, \"contactEmail\": \"a@example.com\"}")
                .post("/api/v1/monitors").then().statusCode(201).extract().path("id");
    }

    static CheckCompleted result(UUID monitor, Instant at, Outcome outcome, Integer status, long durationMs) {
        ErrorKind kind = outcome == Outcome.UP ? null : status == null ? ErrorKind.TIMEOUT
                : ErrorKind.UNEXPECTED_STATUS;
        return new CheckCompleted(1, UUID.randomUUID(), monitor, "default", "test", CheckReason.SCHEDULED,
                "https://example.com/", at, durationMs, status, outcome, kind, kind == null ? null : kind.name(),
                "https://example.com/", null, null);
    }

    @Test
    void theOverviewHasEveryMonitorOfTheCallerWithUptimeSparklineAndDailyBars() {
        String key = newOwnerKey();
        UUID busy = UUID.fromString(createMonitor(key, "busy"));
        UUID quiet = UUID.fromString(createMonitor(key, "quiet"));
        String others = createMonitor(newOwnerKey(), "someone-elses");

        Instant now = Instant.now();
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        var probe = new TopicProbe(bootstrapServers);
        // Now: two good checks (100 ms, 300 ms) and one failure; 3 days ago: one good check.
        List<CheckCompleted> results = List.of(
                result(busy, thisHour.plusSeconds(1), Outcome.UP, 200, 100),
                result(busy, thisHour.plusSeconds(2), Outcome.UP, 200, 300),
                result(busy, thisHour.plusSeconds(3), Outcome.DOWN, null, 10_000),
                result(busy, now.minus(3, ChronoUnit.DAYS), Outcome.UP, 200, 50));
        for (CheckCompleted r : results) {
            probe.send(Topics.CHECKS_COMPLETED, busy.toString(), r);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> with(key).get("/api/v1/dashboard/overview")
                .then().statusCode(200)
                .body("monitors.find { it.id == '" + busy + "' }.days", org.hamcrest.Matchers.endsWith("u--d")));

        JsonPath page = with(key).get("/api/v1/dashboard/overview").then().statusCode(200)
                .body("generatedAt", notNullValue())
                .body("monitors", hasSize(2))
                .body("monitors.id", not(hasItem(others)))
                .extract().jsonPath();
        Map<String, Object> line = page.getMap("monitors.find { it.id == '" + busy + "' }");
        assertEquals("busy", line.get("name"));
        assertEquals("https://example.com/busy", line.get("url"));
        // The failure is the newest result: the monitor is DOWN, its last check timed out.
        assertEquals("DOWN", line.get("status"));
        assertEquals("TIMEOUT", line.get("lastErrorKind"));
        assertEquals(10_000, ((Number) line.get("lastResponseMs")).intValue());
        assertEquals(66.67, ((Number) line.get("uptime24h")).doubleValue(), 0.001);
        assertEquals(75.0, ((Number) line.get("uptime30d")).doubleValue(), 0.001);
        List<?> spark = (List<?>) line.get("spark");
        assertEquals(24, spark.size());
        // The hour's mean counts only answered checks: (100 + 300) / 2.
        assertEquals(200, ((Number) spark.get(23)).intValue());
        // One code a day, oldest first: no checks for 86 days, then up 3 days ago, and today 2 of 3 good: down.
        assertEquals("-".repeat(86) + "u--d", line.get("days"));

        Map<String, Object> idle = page.getMap("monitors.find { it.id == '" + quiet + "' }");
        assertEquals("UNKNOWN", idle.get("status"));
        assertNull(idle.get("uptime24h"));
        assertNull(idle.get("lastResponseMs"));

        // The admin sees everyone's monitors.
        asAdmin().get("/api/v1/dashboard/overview").then().statusCode(200)
                .body("monitors.id", hasItem(others)).body("monitors.id", hasItem(busy.toString()));
    }

    @Test
    void theSummaryKeepsTheWindowAsResultsArriveLateOrFromAnotherCycleOfTheRingAndMatchesTheRollups()
            throws Exception {
        String key = newOwnerKey();
        UUID id = UUID.fromString(createMonitor(key, "ring"));
        Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant yesterday = thisHour.minus(24, ChronoUnit.HOURS); // the same hour's slot, a day before
        Instant longAgo = thisHour.minus(90, ChronoUnit.DAYS); // the same day's and hour's slots, 90 days before
        var probe = new TopicProbe(bootstrapServers);
        // In this order, on the monitor's partition: each slot first holds an old day or hour, then a newer one
        // takes it over, then results for the older ones arrive late and must not show.
        for (CheckCompleted r : List.of(
                result(id, longAgo.plusSeconds(1), Outcome.UP, 200, 50),
                result(id, yesterday.plusSeconds(1), Outcome.UP, 200, 100),
                result(id, thisHour.plusSeconds(2), Outcome.DOWN, null, 10_000),
                result(id, yesterday.plusSeconds(3), Outcome.UP, 200, 300),
                result(id, longAgo.plusSeconds(4), Outcome.DOWN, 503, 60),
                result(id, thisHour.minus(1, ChronoUnit.HOURS).plusSeconds(5), Outcome.UP, 200, 400))) {
            probe.send(Topics.CHECKS_COMPLETED, id.toString(), r);
        }
        String line = "monitors.find { it.id == '" + id + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> with(key).get("/api/v1/dashboard/overview")
                .then().statusCode(200).body(line + ".spark[22]", equalTo(400)));

        Map<String, Object> before = with(key).get("/api/v1/dashboard/overview").then().statusCode(200)
                .extract().jsonPath().getMap(line);
        // 24 h: the timeout now and the good check an hour ago; the two of yesterday's hour are outside.
        assertEquals(50.0, ((Number) before.get("uptime24h")).doubleValue(), 0.001);
        // 30 d: yesterday's two good checks as well; the 90-day-old ones are outside.
        assertEquals(75.0, ((Number) before.get("uptime30d")).doubleValue(), 0.001);
        List<?> spark = (List<?>) before.get("spark");
        assertNull(spark.get(23)); // the timeout got no answer
        assertEquals(List.of(), spark.subList(0, 22).stream().filter(java.util.Objects::nonNull).toList());
        assertEquals("-".repeat(88) + "ud", before.get("days"));
        assertEquals("DOWN", before.get("status"));

        // Rebuilt from the rollups (as the V7 migration's backfill does), the summary is the same.
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            sql.execute("SELECT rebuild_monitor_summaries()");
        }
        // Read again and again: after a few executions the JDBC driver prepares the query on the server and takes
        // its columns in binary, and the summary must read the same that way.
        for (int i = 0; i < 20; i++) {
            Map<String, Object> again = with(key).get("/api/v1/dashboard/overview").then().statusCode(200)
                    .extract().jsonPath().getMap(line);
            assertEquals(before, again, "read " + (i + 1));
        }
    }

    @Test
    void theEventStreamSendsTheCallersChangedMonitorsFromTheDatabase() {
        String key = newOwnerKey();
        UUID mine = UUID.fromString(createMonitor(key, "live-mine"));
        UUID theirs = UUID.fromString(createMonitor(newOwnerKey(), "live-theirs"));
        String since = with(key).get("/api/v1/dashboard/overview").then().statusCode(200).extract()
                .path("generatedAt");
        var probe = new TopicProbe(bootstrapServers);
        probe.send(Topics.CHECKS_COMPLETED, mine.toString(),
                result(mine, Instant.now(), Outcome.DOWN, 503, 42));
        probe.send(Topics.CHECKS_COMPLETED, theirs.toString(),
                result(theirs, Instant.now(), Outcome.DOWN, 503, 42));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> with(key).get("/api/v1/monitors/" + mine)
                .then().body("status", equalTo("DOWN")));

        String stream = with(key).get("/api/v1/events?maxSeconds=2&since=" + since).then().statusCode(200)
                .contentType(containsString("text/event-stream")).extract().asString();
        String event = stream.lines().filter(l -> l.startsWith("data:") && l.contains(mine.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no event about the monitor in " + stream));
        org.junit.jupiter.api.Assertions.assertTrue(event.contains("\"status\":\"DOWN\""), event);
        org.junit.jupiter.api.Assertions.assertTrue(event.contains("\"lastHttpStatus\":503"), event);
        org.junit.jupiter.api.Assertions.assertFalse(stream.contains(theirs.toString()), stream);

        with(key).get("/api/v1/events?since=yesterday").then().statusCode(400);
        with(key).get("/api/v1/events?maxSeconds=0").then().statusCode(400);
    }

    @Test
    void theDashboardAndItsAssetsNeedNoKeyButTheApiDoes() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"en\">")).body(containsString("app.js"));
        given().get("/js/overview.js").then().statusCode(200).body(containsString("/dashboard/overview"));
        given().get("/style.css").then().statusCode(200).body(containsString("--up"));
        given().get("/api/v1/dashboard/overview").then().statusCode(401);
        given().get("/api/v1/events").then().statusCode(401);
        with("pharos_000000000000_not-a-key").get("/api/v1/dashboard/overview").then().statusCode(401)
                .body("status", equalTo(401)).body("detail", not(nullValue()));
    }
}
