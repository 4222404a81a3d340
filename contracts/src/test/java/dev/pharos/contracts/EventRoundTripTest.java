package dev.pharos.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.contracts.json.DeliveryDeadLetteredDeserializer;
import dev.pharos.contracts.json.EventDeserializer;
import dev.pharos.contracts.json.EventJson;
import dev.pharos.contracts.json.EventSerializer;
import dev.pharos.contracts.json.IncidentEventDeserializer;
import dev.pharos.contracts.json.MonitorSpecDeserializer;
import dev.pharos.contracts.json.NotificationAttemptDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {

    private static final UUID MONITOR = UUID.fromString("7c1f4a53-3c5e-4c77-9d8a-0f4b1d5f3e21");
    private static final UUID CHECK = UUID.fromString("0d3b2f8e-9a41-4f1e-8f0c-5b7e6a2c1d90");
    private static final UUID INCIDENT = UUID.fromString("a4e5b6c7-1d2e-4f30-8a9b-c0d1e2f3a4b5");
    private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");

    private final ObjectMapper plain = new ObjectMapper();
    private final EventSerializer serializer = new EventSerializer();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new MonitorSpec(1, MONITOR, "Shop", "https://shop.example/", HttpMethod.HEAD, 60, 10,
                        "200-399", false, AlertPolicy.DEFAULT, List.of(Contact.email("ops@example.com")), T),
                        new MonitorSpecDeserializer()),
                Arguments.of(new CheckRequested(1, CHECK, MONITOR, "https://shop.example/", HttpMethod.GET, 10_000,
                        "200-399", true, 5, T, CheckReason.SCHEDULED), new CheckRequestedDeserializer()),
                Arguments.of(new CheckCompleted(1, CHECK, MONITOR, "eu", "checker-1", CheckReason.CONFIRM,
                        "https://shop.example/", T, 123, 503, Outcome.DOWN, ErrorKind.UNEXPECTED_STATUS, "HTTP 503",
                        "https://shop.example/home", T.plusSeconds(86_400),
                        new CheckTimings(4L, 11L, 9L, 30L)), new CheckCompletedDeserializer()),
                Arguments.of(new CheckCompleted(1, CHECK, MONITOR, "eu", "checker-1", CheckReason.SCHEDULED,
                        "http://closed.example/", T, 2, null, Outcome.DOWN, ErrorKind.CONNECT_REFUSED,
                        "Connection refused", null, null, new CheckTimings(null, null, null, null)), new CheckCompletedDeserializer()),
                Arguments.of(new IncidentOpened(1, INCIDENT, MONITOR, "HTTP 503", 503, null, T, T.plusSeconds(20)),
                        new IncidentEventDeserializer()),
                Arguments.of(new IncidentResolved(1, INCIDENT, MONITOR, T.plusSeconds(300), 300),
                        new IncidentEventDeserializer()),
                Arguments.of(new IncidentResolved(1, INCIDENT, MONITOR, T.plusSeconds(300), 300, "TIMEOUT", null,
                        ErrorKind.TIMEOUT, T), new IncidentEventDeserializer()),
                Arguments.of(new NotificationAttempt(1, CHECK, INCIDENT, MONITOR, "OPENED", "email", 1, "SENT", null,
                        T), new NotificationAttemptDeserializer()),
                Arguments.of(new DeliveryDeadLettered(1, CHECK, INCIDENT, MONITOR, "RESOLVED", "email",
                        "ops@example.com", 8, "550 mailbox unavailable", T), new DeliveryDeadLetteredDeserializer()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void roundTripsThroughTheKafkaSerdes(Object event, EventDeserializer<?> deserializer) throws Exception {
        byte[] bytes = serializer.serialize("t", event);

        JsonNode json = plain.readTree(bytes);
        assertEquals(1, json.get("v").asInt(), "every event carries schema version v=1");
        assertEquals(event, deserializer.deserialize("t", bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void ignoresFieldsItDoesNotKnow(Object event, EventDeserializer<?> deserializer) throws Exception {
        ObjectNode json = (ObjectNode) plain.readTree(serializer.serialize("t", event));
        json.put("addedInVersion2", "whatever");
        json.putObject("nested").put("x", 1);

        assertEquals(event, deserializer.deserialize("t", plain.writeValueAsBytes(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void tombstonesStayNull(Object event, EventDeserializer<?> deserializer) {
        assertNull(serializer.serialize("t", null));
        assertNull(deserializer.deserialize("t", null));
    }

    @Test
    void incidentEventsNameTheirType() throws Exception {
        var opened = new IncidentOpened(1, INCIDENT, MONITOR, "DNS", null, ErrorKind.DNS, T, T);
        JsonNode json = plain.readTree(serializer.serialize("t", opened));
        assertEquals("IncidentOpened", json.get("type").asText());
        assertInstanceOf(IncidentOpened.class, new IncidentEventDeserializer().deserialize("t",
                plain.writeValueAsBytes(json)));
    }

    @Test
    void optionalFieldsAbsentFromAnOlderWriterReadAsNull() {
        String minimal = "{\"v\":1,\"checkId\":\"" + CHECK + "\",\"monitorId\":\"" + MONITOR
                + "\",\"region\":\"eu\",\"checkerId\":\"c1\",\"reason\":\"SCHEDULED\","
                + "\"startedAt\":\"2026-11-24T08:00:00Z\",\"durationMs\":5,\"outcome\":\"UP\"}";
        CheckCompleted read = EventJson.readString(minimal, CheckCompleted.class);
        assertEquals(Outcome.UP, read.outcome());
        assertNull(read.httpStatus());
        assertNull(read.tlsExpiresAt());
    }

    @Test
    void anIncidentResolvedOfTheFirstVersionReadsWithoutCause() {
        String first = "{\"type\":\"IncidentResolved\",\"v\":1,\"incidentId\":\"" + INCIDENT
                + "\",\"monitorId\":\"" + MONITOR + "\",\"resolvedAt\":\"2026-11-24T08:05:00Z\","
                + "\"durationSeconds\":300}";
        var read = (IncidentResolved) EventJson.readString(first, IncidentEvent.class);
        assertEquals(300, read.durationSeconds());
        assertNull(read.cause());
        assertNull(read.firstFailureAt());
    }

    @Test
    void malformedBytesSayWhatWasExpected() {
        byte[] garbage = "{\"v\":1,\"checkId\":".getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(EventJson.MalformedEventException.class,
                () -> new CheckRequestedDeserializer().deserialize("t", garbage));
        assertTrue(e.getMessage().startsWith("not a valid CheckRequested"), e.getMessage());
    }

    @Test
    void missingRequiredFieldsMakeAnEventMalformed() throws Exception {
        var completed = new CheckCompleted(1, CHECK, MONITOR, "eu", "c1", CheckReason.SCHEDULED, "http://x/", T, 5,
                200, Outcome.UP, null, null, null, null, null);
        ObjectNode json = (ObjectNode) plain.readTree(serializer.serialize("t", completed));
        json.remove("outcome");
        var e = assertThrows(EventJson.MalformedEventException.class,
                () -> new CheckCompletedDeserializer().deserialize("t", plain.writeValueAsBytes(json)));
        assertTrue(e.getMessage().contains("outcome"), e.getMessage());
    }

    @Test
    void aCheckRequestWithoutATimeoutIsMalformed() {
        String noTimeout = "{\"v\":1,\"checkId\":\"" + CHECK + "\",\"monitorId\":\"" + MONITOR
                + "\",\"url\":\"http://x/\",\"method\":\"HEAD\",\"expectedStatuses\":\"200-399\","
                + "\"followRedirects\":true,\"maxRedirects\":5,\"dueAt\":\"2026-11-24T08:00:00Z\","
                + "\"reason\":\"SCHEDULED\"}";
        assertThrows(EventJson.MalformedEventException.class, () -> EventJson.readString(noTimeout,
                CheckRequested.class));
    }
}
