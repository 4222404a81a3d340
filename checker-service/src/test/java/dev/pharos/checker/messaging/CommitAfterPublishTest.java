package dev.pharos.checker.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.pharos.contracts.json.EventSerializer;
import dev.pharos.devstack.SharedDevstack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A request's offset is committed only once the broker has acknowledged its result, not when its check ends; a result
 * the broker refuses is sent again, and its request is committed only then. Requests come over the real broker; the
 * results go to a producer the test acknowledges by hand.
 */
class CommitAfterPublishTest {

    @Test
    void aRequestIsCommittedOnlyAfterItsResultIsAcknowledged() throws Exception {
        // Check i is of /i; /1 and /2 answer only when let go, so the results reach the producer in request order
        // (the producer acknowledges in the order it was handed results).
        var letGo = List.of(new CountDownLatch(0), new CountDownLatch(1), new CountDownLatch(1));
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.setExecutor(Executors.newCachedThreadPool());
        for (int i = 0; i < 3; i++) {
            CountDownLatch latch = letGo.get(i);
            site.createContext("/" + i, exchange -> {
                try {
                    latch.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
        }
        site.start();
        String bootstrapServers = SharedDevstack.get().kafkaBootstrapServers();
        String region = "publish-" + Long.toHexString(System.nanoTime());
        var base = new HttpCheckerTest.TestConfig(true, List.of(), Optional.empty(), 10);
        CheckerConfig config = (CheckerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CheckerConfig.class},
                (proxy, method, args) -> method.getName().equals("region") ? region : method.invoke(base, args));
        BackpressureTest.startAtTheEnd(bootstrapServers, "checker-" + region);
        var results = new MockProducer<String, Object>(false, null, new StringSerializer(), new EventSerializer());
        Vertx vertx = Vertx.vertx();
        var consumer = new CheckConsumer(new HttpChecker(vertx, config), config,
                new CheckMetrics(new SimpleMeterRegistry()));
        try {
            consumer.start(Map.of("bootstrap.servers", bootstrapServers), results);
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
            var checkIds = new ArrayList<UUID>();
            UUID monitor = UUID.randomUUID(); // one partition, consumed in order
            var sent = new ArrayList<RecordMetadata>();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                    new EventSerializer())) {
                for (int i = 0; i < 3; i++) {
                    checkIds.add(UUID.randomUUID());
                    var request = new CheckRequested(1, checkIds.get(i), monitor, url + i, HttpMethod.HEAD, 5_000,
                            "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED, Map.of(), List.of(region));
                    sent.add(producer.send(new ProducerRecord<>(Topics.CHECKS_REQUESTED, monitor.toString(),
                            request)).get());
                }
            }
            var partition = new TopicPartition(Topics.CHECKS_REQUESTED, sent.get(0).partition());
            long first = sent.get(0).offset();

            for (int i = 0; i < 3; i++) {
                letGo.get(i).countDown();
                int handed = i + 1;
                await("check " + i + " done and its result handed to the producer").atMost(Duration.ofSeconds(30))
                        .until(() -> results.history().size() == handed);
            }
            List<ProducerRecord<String, Object>> published = results.history();
            assertEquals(checkIds, published.stream().map(r -> ((CheckCompleted) r.value()).checkId()).toList());
            published.forEach(record -> assertEquals(Outcome.UP, ((CheckCompleted) record.value()).outcome()));
            assertEquals(Topics.CHECKS_COMPLETED, published.get(0).topic());

            // The first is acknowledged: committed up to it, and no further, though the other two checks are over.
            results.completeNext();
            await("the first request committed").atMost(Duration.ofSeconds(30))
                    .until(() -> BackpressureTest.committed(bootstrapServers, region, partition) == first + 1);

            // The broker refuses the second: it is sent again; the third is acknowledged meanwhile.
            results.errorNext(new TimeoutException("the broker was away"));
            await("the refused result sent again").atMost(Duration.ofSeconds(30))
                    .until(() -> results.history().size() == 4);
            assertEquals(published.get(1).value(), results.history().get(3).value());
            results.completeNext(); // the third
            assertEquals(first + 1, BackpressureTest.committed(bootstrapServers, region, partition),
                    "committed past a request whose result the broker has not taken");

            results.completeNext(); // the second, sent again
            await("all three committed").atMost(Duration.ofSeconds(30))
                    .until(() -> BackpressureTest.committed(bootstrapServers, region, partition) == first + 3);
        } finally {
            letGo.forEach(CountDownLatch::countDown);
            consumer.stop();
            site.stop(0);
            vertx.closeAndAwait();
        }
    }
}
