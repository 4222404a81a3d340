package dev.pharos.checker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Requests in over the real broker, real HTTP checks, results out over the real broker. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class CheckFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    @Test
    void checksEachRequestAndPublishesItsResult() throws Exception {
        var userAgents = new CopyOnWriteArrayList<String>();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/up", e -> {
            userAgents.add(e.getRequestHeaders().getFirst("User-Agent"));
            e.sendResponseHeaders(204, -1);
            e.close();
        });
        target.createContext("/down", e -> {
            e.sendResponseHeaders(500, -1);
            e.close();
        });
        target.start();
        try {
            String base = "http://127.0.0.1:" + target.getAddress().getPort();
            var probe = new TopicProbe(bootstrapServers);
            Map<UUID, String> urls = Map.of(
                    UUID.randomUUID(), base + "/up",
                    UUID.randomUUID(), base + "/down",
                    UUID.randomUUID(), "http://127.0.0.1:" + Ports.free() + "/");
            // A malformed request first: the ones after it must still be checked.
            probe.sendRaw(Topics.CHECKS_REQUESTED, "garbage", "{\"v\":1".getBytes());
            urls.forEach((checkId, url) -> probe.send(Topics.CHECKS_REQUESTED, checkId.toString(),
                    new CheckRequested(1, checkId, checkId, url, HttpMethod.HEAD, 5000, "200-399", true, 5,
                            Instant.now(), CheckReason.SCHEDULED)));

            Set<UUID> ids = urls.keySet();
            Map<UUID, CheckCompleted> results = probe.await(Topics.CHECKS_COMPLETED, new CheckCompletedDeserializer(),
                            r -> r.value() != null && ids.contains(r.value().checkId()), ids.size(),
                            Duration.ofSeconds(30)).stream()
                    .collect(Collectors.toMap(r -> r.value().checkId(), r -> r.value()));

            urls.forEach((checkId, url) -> {
                CheckCompleted result = results.get(checkId);
                assertEquals(checkId.toString(), result.monitorId().toString());
                if (url.endsWith("/up")) {
                    assertEquals(Outcome.UP, result.outcome());
                    assertEquals(204, result.httpStatus());
                } else if (url.endsWith("/down")) {
                    assertEquals(Outcome.DOWN, result.outcome());
                    assertEquals(500, result.httpStatus());
                } else {
                    assertEquals(ErrorKind.CONNECT_REFUSED, result.errorKind());
                }
                assertEquals("default", result.region());
            });
            // Sites see who is checking them, and which build: Pharos/<the project's version>.
            assertTrue(version.matches("\\d+\\.\\d+.*"), version);
            assertEquals(List.of("Pharos/" + version), userAgents);

            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pharos_checks_total")
                    && l.contains("error_kind=\"CONNECT_REFUSED\"") && l.contains("outcome=\"DOWN\"")), metrics);
            assertTrue(metrics.contains("pharos_check_duration_seconds_bucket"));
            assertTrue(metrics.contains("pharos_checks_in_flight"));
        } finally {
            target.stop(0);
        }
    }
}
