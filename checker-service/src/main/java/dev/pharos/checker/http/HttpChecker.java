package dev.pharos.checker.http;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.domain.ExpectedStatuses;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Runs one HTTP check on the Vert.x event loop: HEAD (or GET), a 405/501 answer to HEAD retried once as GET, the
 * body discarded unread, the whole check bounded by the request's timeout.
 */
@ApplicationScoped
public class HttpChecker {

    private final WebClient client;
    private final CheckerConfig config;
    private final String checkerId;

    public HttpChecker(Vertx vertx, CheckerConfig config) {
        this.config = config;
        this.checkerId = config.id().orElseGet(HttpChecker::defaultId);
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent(config.userAgent())
                .setMaxRedirects(config.maxRedirects())
                // Vert.x queues requests beyond 5 connections per host; each check's deadline would run while queued.
                .setMaxPoolSize(config.maxInFlight())
                .setTrustAll(false)
                .setVerifyHost(true)
                .setKeepAlive(false)
                .setDecompressionSupported(false));
    }

    private static String defaultId() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    public String checkerId() {
        return checkerId;
    }

    /** Never fails: whatever goes wrong, including a malformed request, becomes a DOWN result. */
    public Uni<CheckCompleted> check(CheckRequested request) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> {
            ExpectedStatuses expected = ExpectedStatuses.parse(request.expectedStatuses());
            Duration limit = Duration.ofMillis(request.timeoutMs());
            return send(request, request.method())
                    .onItem().transformToUni(response -> request.method() == HttpMethod.HEAD
                            && (response.statusCode() == 405 || response.statusCode() == 501)
                            ? send(request, HttpMethod.GET) : Uni.createFrom().item(response))
                    .ifNoItem().after(limit).failWith(() -> new TimeoutException(
                            "no complete answer within " + limit.toMillis() + " ms"))
                    .map(response -> answered(request, startedAt, elapsedMs(started), response, expected));
        }).onFailure().recoverWithItem(failure -> failed(request, startedAt, elapsedMs(started), failure));
    }

    private Uni<HttpResponse<Void>> send(CheckRequested request, HttpMethod method) {
        return client.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method.name()), request.url())
                .followRedirects(request.followRedirects())
                .connectTimeout(request.timeoutMs())
                .timeout(request.timeoutMs())
                .as(BodyCodec.none())
                .send();
    }

    private CheckCompleted answered(CheckRequested request, Instant startedAt, long durationMs,
                                    HttpResponse<Void> response, ExpectedStatuses expected) {
        int status = response.statusCode();
        boolean up = expected.contains(status);
        List<String> redirects = response.followedRedirects();
        String finalUrl = redirects.isEmpty() ? request.url() : redirects.get(redirects.size() - 1);
        return new CheckCompleted(CheckCompleted.VERSION, request.checkId(), request.monitorId(), config.region(),
                checkerId, request.reason(), request.url(), startedAt, durationMs, status,
                up ? Outcome.UP : Outcome.DOWN, up ? null : ErrorKind.UNEXPECTED_STATUS,
                up ? null : "HTTP " + status, finalUrl, null);
    }

    private CheckCompleted failed(CheckRequested request, Instant startedAt, long durationMs, Throwable failure) {
        return new CheckCompleted(CheckCompleted.VERSION, request.checkId(), request.monitorId(), config.region(),
                checkerId, request.reason(), request.url(), startedAt, durationMs, null, Outcome.DOWN,
                ErrorClassifier.classify(failure), ErrorClassifier.describe(failure), null, null);
    }

    private static long elapsedMs(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    @PreDestroy
    void close() {
        client.close();
    }

}
