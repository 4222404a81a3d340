package dev.pharos.scheduler.service;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.contracts.json.MonitorSpecDeserializer;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.scheduler.domain.Slots;
import dev.pharos.devstack.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class SchedulingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EntityManager entityManager;

    private UUID createMonitor(int intervalSeconds) {
        String id = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"Scheduled\",\"url\":\"http://example.com/\",\"intervalSeconds\":" + intervalSeconds
                        + ",\"contactEmail\":\"ops@example.com\"}")
                .when().post("/api/v1/monitors")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    @Test
    void publishesTheSpecAndATombstoneOnDelete() {
        UUID id = createMonitor(60);
        var probe = new TopicProbe(bootstrapServers);

        var spec = probe.awaitOne(Topics.MONITORS, new MonitorSpecDeserializer(),
                r -> r.key().equals(id.toString()) && r.value() != null, Duration.ofSeconds(15));
        MonitorSpec published = spec.value();
        assertEquals("http://example.com/", published.url());
        assertEquals(60, published.intervalSeconds());
        assertEquals("ops@example.com", published.contacts().get(0).target());

        asAdmin().when().delete("/api/v1/monitors/" + id).then().statusCode(204);
        var tombstone = probe.awaitOne(Topics.MONITORS, new MonitorSpecDeserializer(),
                r -> r.key().equals(id.toString()) && r.value() == null, Duration.ofSeconds(15));
        assertNull(tombstone.value());
    }

    @Test
    void publishesAFirstCheckAtOnceThenChecksOnTheMonitorsSlots() {
        UUID id = createMonitor(10);

        var requests = new TopicProbe(bootstrapServers).await(Topics.CHECKS_REQUESTED,
                new CheckRequestedDeserializer(), r -> r.key().equals(id.toString()), 3, Duration.ofSeconds(40));

        CheckRequested first = requests.get(0).value();
        CheckRequested second = requests.get(1).value();
        CheckRequested third = requests.get(2).value();
        assertEquals(CheckReason.SCHEDULED, first.reason());
        assertEquals("http://example.com/", first.url());
        assertEquals(10_000, first.timeoutMs());
        assertEquals("200-399", first.expectedStatuses());
        // The first check runs at creation; the next ones fall on the monitor's own grid, one interval apart.
        Duration firstGap = Duration.between(first.dueAt(), second.dueAt());
        assertTrue(firstGap.compareTo(Duration.ofSeconds(5)) >= 0 && firstGap.compareTo(Duration.ofSeconds(15)) <= 0,
                "the second check is half to one and a half intervals after the first: " + firstGap);
        assertEquals(Duration.ofSeconds(10), Duration.between(second.dueAt(), third.dueAt()),
                "consecutive slots are one interval apart");
        assertEquals(Slots.phaseMs(id, Duration.ofSeconds(10)), second.dueAt().toEpochMilli() % 10_000,
                "slots are at the monitor's phase");
        assertTrue(!first.checkId().equals(second.checkId()), "each slot has its own check id");
    }

    @Test
    void recordsEachResultOnceAndKeepsTheNewest() {
        UUID id = createMonitor(3600);
        Instant t0 = Instant.now();
        var down = new CheckCompleted(1, UUID.randomUUID(), id, "default", "test", CheckReason.SCHEDULED,
                "http://example.com/", t0, 42, 503, Outcome.DOWN, ErrorKind.UNEXPECTED_STATUS, "HTTP 503", null, null,
                null);
        var up = new CheckCompleted(1, UUID.randomUUID(), id, "default", "test", CheckReason.CONFIRM,
                "http://example.com/", t0.plusSeconds(1), 7, 200, Outcome.UP, null, null, null, null, null);
        var probe = new TopicProbe(bootstrapServers);
        // A malformed record first: the results after it must still be recorded.
        probe.sendRaw(Topics.CHECKS_COMPLETED, id.toString(), "{not json".getBytes());
        probe.send(Topics.CHECKS_COMPLETED, id.toString(), down);
        probe.send(Topics.CHECKS_COMPLETED, id.toString(), down);
        probe.send(Topics.CHECKS_COMPLETED, id.toString(), up);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> asAdmin().when().get("/api/v1/monitors/" + id)
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("lastCheck.httpStatus", equalTo(200)));
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM check_result WHERE monitor_id = :id").setParameter("id", id).getSingleResult());
        assertEquals(2, rows.intValue(), "the redelivered result is stored once");
    }
}
