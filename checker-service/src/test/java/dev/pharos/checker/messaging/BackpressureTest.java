package dev.pharos.checker.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.checker.http.HttpCheckerTest;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * With every slot busy the consumer asks for no more requests (which is what makes the Kafka connector pause the
 * consumer), and it asks again as soon as checks finish.
 */
class BackpressureTest {

    private static final int MAX_IN_FLIGHT = 3;
    private static final int REQUESTS = 20;

    @Test
    void noMoreRequestsAreTakenWhileAllSlotsAreBusy() throws Exception {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        var release = new CountDownLatch(1);
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.setExecutor(Executors.newCachedThreadPool());
        site.createContext("/", exchange -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // slow until the test has seen the demand stop
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.start();
        Vertx vertx = Vertx.vertx();
        try {
            var config = new HttpCheckerTest.TestConfig(true, List.of(), Optional.empty(), MAX_IN_FLIGHT);
            var consumer = new CheckConsumer(new HttpChecker(vertx, config), config,
                    new CheckMetrics(new SimpleMeterRegistry()));
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
            var requested = new AtomicLong();
            Multi<Message<CheckRequested>> requests = Multi.createFrom().range(0, REQUESTS)
                    .onRequest().invoke(requested::addAndGet)
                    .map(i -> Message.of(new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url,
                            HttpMethod.HEAD, 30_000, "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED)));
            var results = new CopyOnWriteArrayList<CheckCompleted>();
            consumer.process(requests).subscribe().with(message -> {
                results.add(message.getPayload().value());
                message.ack();
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == MAX_IN_FLIGHT);
            // The range emits as soon as it is asked, so what was asked for is what was taken.
            assertEquals(MAX_IN_FLIGHT, requested.get(), "requests taken while every slot is busy");
            assertTrue(results.isEmpty());

            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> results.size() == REQUESTS);
            assertTrue(peak.get() <= MAX_IN_FLIGHT, "at most " + MAX_IN_FLIGHT + " at once, saw " + peak.get());
            assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.UP), results.toString());
        } finally {
            release.countDown();
            site.stop(0);
            vertx.closeAndAwait();
        }
    }
}
