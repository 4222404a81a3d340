package dev.pharos.checker.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.contracts.json.EventSerializer;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Over the real broker: this checker (region {@code default}) checks only the requests meant for its region. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class RegionRoutingTest {

    private static final String SKIPPED = "pharos_checks_skipped_total{reason=\"other-region\"}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aRequestForAnotherRegionIsConsumedWithoutACheckOrAResult() throws Exception {
        var checked = new CopyOnWriteArrayList<String>();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", e -> {
            checked.add(e.getRequestURI().getQuery());
            e.sendResponseHeaders(204, -1);
            e.close();
        });
        target.start();
        try {
            double skippedBefore = skippedCount();
            String base = "http://127.0.0.1:" + target.getAddress().getPort() + "/?check=";
            // One monitor, so one partition: the requests are consumed in this order.
            UUID monitor = UUID.randomUUID();
            UUID elsewhere = UUID.randomUUID();
            UUID everywhere = UUID.randomUUID();
            UUID here = UUID.randomUUID();
            UUID hereAndElsewhere = UUID.randomUUID();
            var sent = new ArrayList<RecordMetadata>();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                    new EventSerializer())) {
                for (var entry : List.of(Map.entry(elsewhere, List.of("eu")), Map.entry(everywhere, List.<String>of()),
                        Map.entry(here, List.of("default")), Map.entry(hereAndElsewhere, List.of("eu", "default")))) {
                    UUID checkId = entry.getKey();
                    var request = new CheckRequested(1, checkId, monitor, base + checkId, HttpMethod.HEAD, 5000,
                            "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED, Map.of(), entry.getValue());
                    sent.add(producer.send(new ProducerRecord<>(Topics.CHECKS_REQUESTED, monitor.toString(), request))
                            .get());
                }
            }
            var partition = new TopicPartition(Topics.CHECKS_REQUESTED, sent.get(0).partition());
            long afterLast = sent.get(sent.size() - 1).offset() + 1;

            var probe = new TopicProbe(bootstrapServers);
            Set<UUID> ours = Set.of(everywhere, here, hereAndElsewhere);
            probe.await(Topics.CHECKS_COMPLETED, new CheckCompletedDeserializer(),
                    r -> r.value() != null && ours.contains(r.value().checkId()), ours.size(), Duration.ofSeconds(30));

            // The group's offset moves past every request, the skipped one included: it is not left pending. A
            // request is acknowledged only after its result (if any) is on the broker, so from here on a result of
            // the skipped request would already be there to read.
            await("the group's offset passes the skipped request").atMost(Duration.ofSeconds(30))
                    .until(() -> committed(partition) >= afterLast);
            List<UUID> results = allResults(monitor);
            assertEquals(ours, Set.copyOf(results), "results of " + monitor + ": " + results);
            assertTrue(checked.stream().noneMatch(q -> q.contains(elsewhere.toString())), "checked: " + checked);
            await("one more skip counted").atMost(Duration.ofSeconds(10))
                    .until(() -> skippedCount() == skippedBefore + 1);
        } finally {
            target.stop(0);
        }
    }

    private long committed(TopicPartition partition) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("checker-default")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    /** The check ids of every result for the monitor on the topic now, read to its end. */
    private List<UUID> allResults(UUID monitor) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new CheckCompletedDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHECKS_COMPLETED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            var found = new ArrayList<UUID>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertTrue(Instant.now().isBefore(deadline), "could not read the results to their end");
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    CheckCompleted result = record.value();
                    if (result != null && result.monitorId().equals(monitor)) {
                        found.add(result.checkId());
                    }
                }
            }
            return found;
        }
    }

    private static double skippedCount() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(SKIPPED)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no " + SKIPPED + " in\n" + metrics));
    }
}
