package dev.pharos.checker.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.checker.http.HttpCheckerTest;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.contracts.json.EventSerializer;
import dev.pharos.devstack.SharedDevstack;
import dev.pharos.devstack.TopicProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Over the real broker: with every slot busy the consumer pauses and starts no more checks; it resumes as checks
 * finish; and a request's offset is committed only once its result is on the broker, never past an older request still
 * running.
 */
class BackpressureTest {

    private static final int MAX_IN_FLIGHT = 3;
    private static final int REQUESTS = 20;

    @Test
    void pausesWhileEverySlotIsBusyAndCommitsOnlyPublishedResults() throws Exception {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        var release = new CountDownLatch(1);
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.setExecutor(Executors.newCachedThreadPool());
        site.createContext("/quick", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.createContext("/slow", exchange -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // slow until the test has seen the consumer pause
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.start();
        String bootstrapServers = SharedDevstack.get().kafkaBootstrapServers();
        Vertx vertx = Vertx.vertx();
        // A region of its own, so a consumer group of its own, starting at the topic's end; the requests name that
        // region, so no other checker in this JVM takes them.
        String region = "backpressure-" + Long.toHexString(System.nanoTime());
        var base = new HttpCheckerTest.TestConfig(true, List.of(), Optional.empty(), MAX_IN_FLIGHT);
        CheckerConfig config = (CheckerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CheckerConfig.class},
                (proxy, method, args) -> method.getName().equals("region") ? region : method.invoke(base, args));
        startAtTheEnd(bootstrapServers, "checker-" + region);
        var consumer = new CheckConsumer(new HttpChecker(vertx, config), config,
                new CheckMetrics(new SimpleMeterRegistry()));
        try {
            consumer.start(Map.of("bootstrap.servers", bootstrapServers));
            String url = "http://127.0.0.1:" + site.getAddress().getPort();
            UUID monitor = UUID.randomUUID(); // one key, so one partition, consumed in order
            var checkIds = new HashSet<UUID>();
            var sent = new ArrayList<RecordMetadata>();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                    new EventSerializer())) {
                for (int i = 0; i < REQUESTS; i++) {
                    UUID checkId = UUID.randomUUID();
                    checkIds.add(checkId);
                    // The first answers at once, the others only when released.
                    var request = new CheckRequested(1, checkId, monitor, url + (i == 0 ? "/quick" : "/slow"),
                            HttpMethod.HEAD, 30_000, "200-399",
                            true, 5, Instant.now(), CheckReason.SCHEDULED, Map.of(), List.of(config.region()));
                    sent.add(producer.send(new ProducerRecord<>(Topics.CHECKS_REQUESTED, monitor.toString(),
                            request)).get());
                }
            }
            var partition = new TopicPartition(Topics.CHECKS_REQUESTED, sent.get(0).partition());
            long first = sent.get(0).offset();

            await("every slot busy and the consumer paused").atMost(Duration.ofSeconds(30))
                    .until(() -> running.get() == MAX_IN_FLIGHT && consumer.paused());
            // The quick request's offset is committed, and the commit stops there: the next request has no result
            // yet. A commit of what was fetched or started would skip past this value, and the wait would fail.
            await("the offset committed up to the first request without a result").atMost(Duration.ofSeconds(30))
                    .until(() -> committed(bootstrapServers, config.region(), partition) == first + 1);
            assertEquals(MAX_IN_FLIGHT, running.get(), "checks running while every slot is busy");
            assertTrue(consumer.paused());

            release.countDown();
            List<CheckCompleted> results = new TopicProbe(bootstrapServers).await(Topics.CHECKS_COMPLETED,
                            new CheckCompletedDeserializer(),
                            r -> r.value() != null && checkIds.contains(r.value().checkId()), REQUESTS,
                            Duration.ofSeconds(60)).stream()
                    .map(r -> r.value()).toList();
            assertEquals(checkIds, Set.copyOf(results.stream().map(CheckCompleted::checkId).toList()));
            assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.UP), results.toString());
            assertTrue(peak.get() <= MAX_IN_FLIGHT, "at most " + MAX_IN_FLIGHT + " at once, saw " + peak.get());
            await("the consumer resumed").atMost(Duration.ofSeconds(10)).until(() -> !consumer.paused());
            long afterLast = sent.get(sent.size() - 1).offset() + 1;
            await("every request committed once its result is published").atMost(Duration.ofSeconds(30))
                    .until(() -> committed(bootstrapServers, config.region(), partition) == afterLast);
        } finally {
            release.countDown();
            consumer.stop();
            site.stop(0);
            vertx.closeAndAwait();
        }
    }

    /** Commits the group's offsets at the end of the requests topic, so it reads only what is sent from now on. */
    static void startAtTheEnd(String bootstrapServers, String group) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(Topics.CHECKS_REQUESTED)).allTopicNames().get()
                    .get(Topics.CHECKS_REQUESTED).partitions().stream()
                    .map(p -> new TopicPartition(Topics.CHECKS_REQUESTED, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(partitions).all().get();
            admin.alterConsumerGroupOffsets(group, ends.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())))).all().get();
        }
    }

    /** The region group's committed offset of the partition, or -1 when it has none. */
    static long committed(String bootstrapServers, String region, TopicPartition partition) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("checker-" + region)
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
