package dev.pharos.scheduler.service;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.devstack.DevstackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The planner's Prometheus metrics, read from {@code /q/metrics} as a scraper would. Other tests' monitors share the
 * planner, so each test compares a metric with its value before the test's own monitor was made.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class PlannerMetricsTest {

    private static final String PUBLISHED = "pharos_scheduler_published_total";
    private static final String LATENESS_COUNT = "pharos_scheduler_lateness_seconds_count";
    private static final String SKIPPED = "pharos_scheduler_skipped_total{reason=\"maintenance\"}";
    private static final String BACKLOG = "pharos_scheduler_due_backlog";

    @Inject
    AgroalDataSource dataSource;

    private static UUID createMonitor(int intervalSeconds, String extraJson) {
        String id = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"Metered\",\"url\":\"http://example.com/\",\"intervalSeconds\":" + intervalSeconds
                        + ",\"contactEmail\":\"ops@example.com\"" + extraJson + "}")
                .when().post("/api/v1/monitors")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private Instant nextDueAt(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             var select = connection.prepareStatement("SELECT next_due_at FROM scheduler.monitor WHERE id = ?")) {
            select.setObject(1, id);
            try (var row = select.executeQuery()) {
                row.next();
                return row.getTimestamp(1).toInstant();
            }
        }
    }

    private static String scrape() {
        return get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a sample, {@code name} including its labels; 0 when there is none yet. */
    static double sample(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void countsEachPublishedRequestAndItsLateness() {
        String before = scrape();
        createMonitor(3600, "");

        // The new monitor's first slot is due at once and published within a tick or two.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = scrape();
            assertTrue(sample(after, PUBLISHED) > sample(before, PUBLISHED), after);
            assertTrue(sample(after, LATENESS_COUNT) > sample(before, LATENESS_COUNT), after);
        });
        String metrics = scrape();
        assertTrue(metrics.contains("# TYPE pharos_scheduler_published counter"), metrics);
        assertTrue(metrics.contains("# TYPE pharos_scheduler_lateness_seconds histogram"), metrics);
        assertTrue(sample(metrics, "pharos_scheduler_lateness_seconds_bucket{le=\"+Inf\"}")
                >= sample(metrics, LATENESS_COUNT), "the +Inf bucket holds every observation: " + metrics);
        assertTrue(metrics.lines().filter(l -> l.startsWith("pharos_scheduler_lateness_seconds_bucket{")).count() > 5,
                "the histogram has buckets: " + metrics);
        assertEquals(sample(metrics, PUBLISHED), sample(metrics, LATENESS_COUNT),
                "one lateness observation per published request");
    }

    @Test
    void countsASlotSkippedForMaintenance() {
        String before = scrape();
        Instant now = Instant.now();
        createMonitor(3600, ",\"maintenanceWindows\":[{\"start\":\"" + now.minusSeconds(3600) + "\",\"end\":\""
                + now.plusSeconds(3600) + "\"}]");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertTrue(sample(scrape(), SKIPPED) > sample(before, SKIPPED), scrape()));
    }

    @Test
    void reportsADueMonitorThatCannotBePublishedAsBacklog() throws Exception {
        UUID id = createMonitor(10, "");
        // Wait for the first check, so the monitor's next slot lies ahead on its 10 s grid.
        await().atMost(Duration.ofSeconds(20)).until(() -> nextDueAt(id).isAfter(Instant.now()));

        // Hold the monitor's row as another replica in the middle of publishing would: the planner skips it while
        // it comes due, so it stays due and unpublished.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT id FROM scheduler.monitor WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, id);
                lock.executeQuery().close();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertTrue(sample(scrape(), BACKLOG) >= 1, scrape()));
            holder.rollback();
        }

        // Released, the late slot is published and the backlog drains.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(0, sample(scrape(), BACKLOG)));
    }
}
