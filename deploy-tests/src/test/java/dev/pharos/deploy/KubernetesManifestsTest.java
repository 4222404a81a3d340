package dev.pharos.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pharos.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders with {@code kubectl kustomize}, and what it renders keeps Pharos's invariants. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    private Manifests dev;
    private Manifests production;
    /** The Secrets production expects to exist, created out of band as base/secrets.template.yaml shows. */
    private Manifests secretTemplates;

    @BeforeAll
    void render() throws Exception {
        dev = Manifests.render("dev");
        production = Manifests.render("production");
        secretTemplates = new Manifests("templates", Project.readAll(Project.read(
                Project.root().resolve("k8s/base/secrets.template.yaml"))));
    }

    /** Where an overlay's Secrets come from: dev brings its own, production expects them created beforehand. */
    private Manifests secretSource(Manifests overlay) {
        return overlay == production ? secretTemplates : overlay;
    }

    Stream<Manifests> overlays() {
        return Stream.of(dev, production);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDeploymentHasProbesResourcesAndARestrictedNonRootContainer(Manifests overlay) {
        assertFalse(overlay.ofKind("Deployment").isEmpty());
        for (JsonNode deployment : overlay.ofKind("Deployment")) {
            String name = Manifests.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
            assertTrue(pod.path("securityContext").path("runAsUser").asInt(0) > 0, name + ": runAsUser");
            for (JsonNode container : Manifests.containers(deployment)) {
                String where = name + "/" + container.path("name").asText();
                assertTrue(container.has("livenessProbe"), where + ": liveness probe");
                assertTrue(container.has("readinessProbe"), where + ": readiness probe");
                for (String section : List.of("requests", "limits")) {
                    JsonNode resources = container.path("resources").path(section);
                    assertTrue(resources.has("cpu") && resources.has("memory"), where + ": " + section);
                }
                JsonNode security = container.path("securityContext");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), where + ": read-only root");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), where + ": no escalation");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyReferencedSecretAndConfigMapKeyExists(Manifests overlay) {
        var missing = new ArrayList<String>();
        for (JsonNode workload : overlay.workloads()) {
            for (JsonNode container : Manifests.containers(workload)) {
                for (JsonNode env : Manifests.list(container.path("env"))) {
                    JsonNode from = env.path("valueFrom");
                    check(overlay, "ConfigMap", from.path("configMapKeyRef"), missing);
                    check(secretSource(overlay), "Secret", from.path("secretKeyRef"), missing);
                }
                for (JsonNode source : Manifests.list(container.path("envFrom"))) {
                    for (String kind : List.of("ConfigMap", "Secret")) {
                        JsonNode ref = source.path(kind.equals("Secret") ? "secretRef" : "configMapRef");
                        if (!ref.isMissingNode() && overlay.find(kind, ref.path("name").asText()).isEmpty()) {
                            missing.add(kind + " " + ref.path("name").asText());
                        }
                    }
                }
            }
        }
        overlay.ofKind("Cluster").forEach(cluster -> {
            String secret = cluster.path("spec").path("bootstrap").path("initdb").path("secret").path("name").asText();
            if (!secretSource(overlay).hasKey("Secret", secret, "username")
                    || !secretSource(overlay).hasKey("Secret", secret, "password")) {
                missing.add("Secret " + secret + " (username, password) for the database cluster");
            }
        });
        assertTrue(missing.isEmpty(), "referenced but not defined: " + missing);
    }

    private static void check(Manifests overlay, String kind, JsonNode ref, List<String> missing) {
        if (!ref.isMissingNode() && !overlay.hasKey(kind, ref.path("name").asText(), ref.path("key").asText())) {
            missing.add(kind + " " + ref.path("name").asText() + " key " + ref.path("key").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void imagesPortsAndEnvironmentAgreeWithTheServices(Manifests overlay) {
        for (String service : Project.SERVICES) {
            JsonNode deployment = overlay.find("Deployment", service).orElseThrow(() ->
                    new AssertionError(overlay + " has no Deployment " + service));
            JsonNode container = Manifests.containers(deployment).get(0);
            assertTrue(container.path("image").asText().startsWith("pharos/" + service + ":"),
                    service + " image: " + container.path("image").asText());
            JsonNode port = Manifests.list(container.path("ports")).get(0);
            assertEquals("http", port.path("name").asText());
            assertEquals(8080, port.path("containerPort").asInt(), service + " listens on the image's port");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertEquals("http", get.path("port").asText(), service + " " + probe + " port");
                assertTrue(get.path("path").asText().startsWith("/q/health/"), service + " " + probe + " path");
            }
            JsonNode svc = overlay.find("Service", service).orElseThrow();
            assertEquals("http", svc.path("spec").path("ports").get(0).path("targetPort").asText());

            Set<String> known = ServiceSettings.environmentVariables(service);
            var unknown = Manifests.list(container.path("env")).stream().map(e -> e.path("name").asText())
                    .filter(name -> !known.contains(name)).toList();
            assertTrue(unknown.isEmpty(), service + " is given variables it does not read: " + unknown);
            assertTrue(Manifests.list(container.path("env")).stream()
                    .anyMatch(e -> e.path("name").asText().equals("KAFKA_BOOTSTRAP_SERVERS")), service + " Kafka");
        }
    }

    @Test
    void productionAutoscalesCheckersWithinThePartitionsOfTheirTopic() {
        JsonNode scaled = production.find("ScaledObject", "checker-service").orElseThrow();
        JsonNode trigger = scaled.path("spec").path("triggers").get(0);
        assertEquals("kafka", trigger.path("type").asText());
        assertEquals(Topics.CHECKS_REQUESTED, trigger.path("metadata").path("topic").asText());
        String region = production.find("ConfigMap", "pharos-config").orElseThrow().path("data")
                .path("PHAROS_CHECKER_REGION").asText();
        assertEquals("checker-" + region, trigger.path("metadata").path("consumerGroup").asText(),
                "KEDA reads the lag of the checkers' own consumer group");
        JsonNode topic = production.ofKind("KafkaTopic").stream()
                .filter(t -> t.path("spec").path("topicName").asText().equals(Topics.CHECKS_REQUESTED))
                .findFirst().orElseThrow();
        int partitions = topic.path("spec").path("partitions").asInt();
        int max = scaled.path("spec").path("maxReplicaCount").asInt();
        assertTrue(max > 0 && max <= partitions, "max " + max + " checkers for " + partitions + " partitions");
    }

    @Test
    void productionCreatesEveryTopicAndCompactsTheMonitors() {
        var topics = production.ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.path("spec").path("topicName").asText(), t -> t));
        assertEquals(Set.copyOf(Topics.ALL), topics.keySet());
        for (String compacted : Topics.COMPACTED) {
            assertEquals("compact", topics.get(compacted).path("spec").path("config").path("cleanup.policy").asText());
        }
    }

    @Test
    void productionRunsTheControlPlaneTwiceSpreadOverNodes() {
        for (String service : List.of("scheduler-service", "notifier-service")) {
            JsonNode deployment = production.find("Deployment", service).orElseThrow();
            assertTrue(deployment.path("spec").path("replicas").asInt() >= 2, service + " replicas");
            var keys = Manifests.list(deployment.path("spec").path("template").path("spec")
                    .path("topologySpreadConstraints")).stream().map(c -> c.path("topologyKey").asText()).toList();
            assertTrue(keys.contains("kubernetes.io/hostname"), service + " spreads over nodes: " + keys);
        }
        assertEquals(1, production.ofKind("Kafka").size(), "Strimzi Kafka");
        assertEquals(1, production.ofKind("Cluster").size(), "CloudNativePG cluster");
    }

    @Test
    void productionDeniesIngressUnlessAPolicyAllowsIt() {
        List<JsonNode> policies = production.ofKind("NetworkPolicy");
        assertTrue(policies.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                        && Manifests.list(p.path("spec").path("policyTypes")).stream()
                        .anyMatch(t -> t.asText().equals("Ingress")) && !p.path("spec").has("ingress")),
                "a default-deny ingress policy");
        var opened = policies.stream().filter(p -> p.path("spec").has("ingress"))
                .map(p -> p.path("spec").path("podSelector").path("matchLabels").toString()).toList();
        assertTrue(opened.stream().noneMatch(s -> s.contains("checker-service") || s.contains("notifier-service")),
                "nothing needs to call the checker or the notifier: " + opened);
        JsonNode kafka = production.ofKind("Kafka").get(0);
        assertTrue(kafka.path("spec").path("kafka").path("listeners").get(0).has("networkPolicyPeers"),
                "Kafka's listener is limited to Pharos and KEDA");
    }

    @Test
    void productionNeverAppliesSecretsAndItsTemplatesCarryNoValues() {
        assertTrue(production.ofKind("Secret").isEmpty(), "applying production must not overwrite real Secrets");
        assertFalse(secretTemplates.ofKind("Secret").isEmpty());
        for (JsonNode secret : secretTemplates.ofKind("Secret")) {
            JsonNode password = secret.path("stringData").path("password");
            assertTrue(password.isMissingNode() || password.asText().isEmpty(),
                    Manifests.name(secret) + " must not carry a real password");
        }
    }

    @Test
    void kafkaAdmitsThePodsOfEveryService() {
        JsonNode peers = production.ofKind("Kafka").get(0).path("spec").path("kafka").path("listeners").get(0)
                .path("networkPolicyPeers");
        JsonNode admitted = Manifests.list(peers).stream().map(p -> p.path("podSelector").path("matchLabels"))
                .filter(labels -> !labels.isMissingNode()).findFirst().orElseThrow();
        for (String service : Project.SERVICES) {
            JsonNode podLabels = production.find("Deployment", service).orElseThrow().path("spec").path("template")
                    .path("metadata").path("labels");
            admitted.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(),
                    podLabels.path(label.getKey()).asText(), service + " pods carry " + label.getKey()));
        }
    }

    @Test
    void devCreatesEveryTopicWithEnoughPartitionsForItsCheckers() {
        JsonNode job = dev.find("Job", "kafka-topics").orElseThrow();
        JsonNode container = Manifests.containers(job).get(0);
        String script = container.path("args").get(0).asText();
        for (String topic : Topics.ALL) {
            assertTrue(script.contains("create " + topic), "dev creates " + topic);
        }
        assertTrue(script.contains("create " + Topics.MONITORS + " --config cleanup.policy=compact"));
        int partitions = Manifests.list(container.path("env")).stream()
                .filter(e -> e.path("name").asText().equals("PARTITIONS")).findFirst().orElseThrow()
                .path("value").asInt();
        int checkers = dev.find("Deployment", "checker-service").orElseThrow().path("spec").path("replicas").asInt();
        assertTrue(checkers <= partitions, checkers + " checkers for " + partitions + " partitions");
    }
}
