package dev.pharos.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pharos.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml and the Dockerfiles agree with each other and with the services' configuration. */
class ComposeAndImagesTest {

    private final JsonNode compose = Project.readYaml(Project.root().resolve("docker-compose.yml"));

    private JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertFalse(service.isMissingNode(), "compose has no service " + name);
        return service;
    }

    @Test
    void runsTheOfficialKafkaPostgresAndMailpit() {
        assertTrue(service("kafka").path("image").asText().startsWith("apache/kafka:"));
        assertEquals("broker,controller", service("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText());
        assertTrue(service("postgres").path("image").asText().startsWith("postgres:17"));
        assertTrue(service("mailpit").path("image").asText().startsWith("axllent/mailpit"));
        for (String infra : List.of("kafka", "postgres", "mailpit")) {
            assertTrue(service(infra).has("healthcheck"), infra + " has a healthcheck");
        }
    }

    @Test
    void createsEveryTopicAndCompactsTheMonitors() {
        String script = StreamSupport.stream(service("kafka-topics").path("command").spliterator(), false)
                .map(JsonNode::asText).reduce("", String::concat);
        for (String topic : Topics.ALL) {
            assertTrue(script.contains("create " + topic), "compose creates " + topic);
        }
        assertTrue(script.contains("create " + Topics.MONITORS + " --config cleanup.policy=compact"));
    }

    @Test
    void runsThreeCheckersAndPublishesOnlyTheAdminApi() {
        assertEquals(3, service("checker-service").path("deploy").path("replicas").asInt());
        assertEquals("8080:8080", service("scheduler-service").path("ports").get(0).asText());
        assertTrue(service("checker-service").path("ports").isMissingNode(), "checkers scale, so they publish no port");
        assertTrue(service("notifier-service").path("ports").isMissingNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduler-service", "checker-service", "notifier-service"})
    void servicesWaitForWhatTheyNeedAndGetOnlySettingsTheyRead(String name) {
        JsonNode service = service(name);
        assertEquals("pharos/" + name + ":0.1.0", service.path("image").asText());
        assertEquals(name + "/Dockerfile", service.path("build").path("dockerfile").asText());
        JsonNode dependsOn = service.path("depends_on");
        assertEquals("service_completed_successfully", dependsOn.path("kafka-topics").path("condition").asText());
        dependsOn.fields().forEachRemaining(d -> assertTrue(d.getValue().has("condition"), name + " -> " + d.getKey()));
        if (!name.equals("checker-service")) {
            assertEquals("service_healthy", dependsOn.path("postgres").path("condition").asText());
        }
        Set<String> known = ServiceSettings.environmentVariables(name);
        Set<String> given = environment(service);
        var unknown = given.stream().filter(var -> !known.contains(var)).toList();
        assertTrue(unknown.isEmpty(), name + " is given variables it does not read: " + unknown);
        assertTrue(given.contains("KAFKA_BOOTSTRAP_SERVERS"), name + " knows Kafka");
    }

    private static Set<String> environment(JsonNode service) {
        var names = new java.util.TreeSet<String>();
        service.path("environment").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void namedVolumesKeepTheData() {
        for (String stateful : List.of("kafka", "postgres")) {
            String volume = service(stateful).path("volumes").get(0).asText().split(":")[0];
            assertTrue(compose.path("volumes").has(volume), stateful + " uses the named volume " + volume);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduler-service", "checker-service", "notifier-service"})
    void imagesBuildFromACleanCloneAndRunAsANonRootUserWithAHealthcheck(String name) {
        Path dockerfile = Project.root().resolve(name).resolve("Dockerfile");
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " exists");
        List<String> lines = Project.read(dockerfile).lines().map(String::trim).toList();
        assertTrue(lines.stream().filter(l -> l.startsWith("FROM ")).count() >= 2, "multi-stage");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ./mvnw") && l.contains("-pl " + name)),
                "builds " + name + " from the sources with the Maven wrapper");
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertFalse(Set.of("USER root", "USER 0").contains(user), "runs as a non-root user, not " + user);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK") ), "has a HEALTHCHECK");
        assertTrue(lines.contains("EXPOSE 8080"), "exposes the port the manifests use");
        assertTrue(lines.stream().anyMatch(l -> l.contains("QUARKUS_HTTP_PORT=8080")), "listens on 8080");
        assertTrue(Files.isRegularFile(Project.root().resolve(".dockerignore")), ".dockerignore");
    }
}
