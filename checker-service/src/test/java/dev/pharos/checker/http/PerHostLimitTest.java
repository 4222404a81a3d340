package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Politeness and isolation: at most four checks of one host at once, and a hanging host delays no other host. */
class PerHostLimitTest {

    private static CheckRequested request(String url, int timeoutMs) {
        return new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url, HttpMethod.HEAD, timeoutMs,
                "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED);
    }

    @Test
    void atMostFourChecksOfOneHostRunAtOnceAndAllFinish() throws Exception {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        var release = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.createContext("/", exchange -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // the site is slow until the test has seen the queue form
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.start();
        Vertx vertx = Vertx.vertx();
        try {
            var checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
            String url = "http://127.0.0.1:" + slow.getAddress().getPort() + "/";
            var pending = new ArrayList<java.util.concurrent.CompletableFuture<CheckCompleted>>();
            for (int i = 0; i < 12; i++) {
                pending.add(checker.check(request(url, 20_000)).subscribeAsCompletionStage());
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 4);
            release.countDown();
            for (var result : pending) {
                assertEquals(Outcome.UP, result.get(30, TimeUnit.SECONDS).outcome());
            }
            assertEquals(4, peak.get(), "never more than four at once");
        } finally {
            release.countDown();
            slow.stop(0);
            vertx.closeAndAwait();
        }
    }

    @Test
    void aHangingHostDelaysNoOtherHost() throws Exception {
        var held = new CopyOnWriteArrayList<Socket>();
        try (var hanging = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HttpServer healthy = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
            healthy.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            healthy.start();
            Vertx vertx = Vertx.vertx();
            try {
                var checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
                var stuck = new ArrayList<java.util.concurrent.CompletableFuture<CheckCompleted>>();
                for (int i = 0; i < 8; i++) {
                    stuck.add(checker.check(request("http://127.0.0.1:" + hanging.getLocalPort() + "/", 3000))
                            .subscribeAsCompletionStage());
                }
                CheckCompleted other = checker.check(request("http://127.0.0.2:" + healthy.getAddress().getPort()
                        + "/", 3000)).await().atMost(Duration.ofSeconds(30));
                assertEquals(Outcome.UP, other.outcome());
                assertTrue(stuck.stream().noneMatch(java.util.concurrent.CompletableFuture::isDone),
                        "the other host's check finished while the hanging host's checks still waited");
                for (var result : stuck) {
                    assertEquals(ErrorKind.TIMEOUT, result.get(30, TimeUnit.SECONDS).errorKind());
                }
            } finally {
                healthy.stop(0);
                vertx.closeAndAwait();
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
