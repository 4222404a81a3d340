package dev.pharos.checker.http;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.domain.ExpectedStatuses;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Runs one HTTP check on the Vert.x event loop: HEAD (or GET), a 405/501 answer to HEAD retried once as GET, the
 * body discarded unread, the whole check bounded by the request's timeout. Every hop, redirects included, is
 * resolved first, judged by the {@link TargetGuard}, and then connected to at exactly that address.
 */
@ApplicationScoped
public class HttpChecker {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Vertx vertx;
    private final WebClient client;
    private final CheckerConfig config;
    private final TargetGuard guard;
    private final HostLimiter hosts;
    private final String checkerId;

    /** The last answer of a check and the URL that gave it. */
    private record Answer(HttpResponse<Void> response, String url) {
    }

    public HttpChecker(Vertx vertx, CheckerConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.guard = new TargetGuard(config.allowPrivateTargets(), config.allowedTargets().orElse(List.of()));
        this.hosts = new HostLimiter(config.perHostConcurrency());
        this.checkerId = config.id().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent(config.userAgent())
                // Redirects are followed here, hop by hop, so that each hop's address is judged.
                .setFollowRedirects(false)
                // Vert.x queues requests beyond 5 connections per host; each check's deadline would run while queued.
                .setMaxPoolSize(config.maxInFlight())
                .setForceSni(true)
                .setTrustAll(false)
                .setVerifyHost(true)
                .setKeepAlive(false)
                .setDecompressionSupported(false));
    }

    /**
     * Never fails: whatever goes wrong, including a malformed request, becomes a DOWN result. Waits for a free slot of
     * the URL's host first; the timeout counts from when the check really starts.
     */
    public Uni<CheckCompleted> check(CheckRequested request) {
        return hosts.run(hostKey(request.url()), () -> checkNow(request));
    }

    private static String hostKey(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private Uni<CheckCompleted> checkNow(CheckRequested request) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> {
            ExpectedStatuses expected = ExpectedStatuses.parse(request.expectedStatuses());
            Duration limit = Duration.ofMillis(request.timeoutMs());
            return follow(request, request.method(), request.url(), request.maxRedirects())
                    .onItem().transformToUni(answer -> request.method() == HttpMethod.HEAD
                            && (answer.response().statusCode() == 405 || answer.response().statusCode() == 501)
                            ? follow(request, HttpMethod.GET, request.url(), request.maxRedirects())
                            : Uni.createFrom().item(answer))
                    .ifNoItem().after(limit).failWith(() -> new TimeoutException(
                            "no complete answer within " + limit.toMillis() + " ms"))
                    .map(answer -> answered(request, startedAt, elapsedMs(started), answer, expected));
        }).onFailure().recoverWithItem(failure -> failed(request, startedAt, elapsedMs(started), failure));
    }

    /** Sends the request to {@code url} and follows redirects, at most {@code redirectsLeft} of them. */
    private Uni<Answer> follow(CheckRequested request, HttpMethod method, String url, int redirectsLeft) {
        URI uri = URI.create(url);
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return resolve(host)
                .onItem().invoke(address -> guard.refusal(address).ifPresent(reason -> {
                    throw new SsrfBlockedException(host, reason);
                }))
                .onItem().transformToUni(address -> client
                        .requestAbs(io.vertx.core.http.HttpMethod.valueOf(method.name()),
                                SocketAddress.inetSocketAddress(port, address.getHostAddress()), url)
                        .connectTimeout(request.timeoutMs())
                        .timeout(request.timeoutMs())
                        .as(BodyCodec.none())
                        .send())
                .onItem().transformToUni(response -> {
                    String location = response.getHeader("Location");
                    if (!request.followRedirects() || !REDIRECTS.contains(response.statusCode()) || location == null
                            || redirectsLeft <= 0) {
                        return Uni.createFrom().item(new Answer(response, url));
                    }
                    HttpMethod next = response.statusCode() == 303 && method != HttpMethod.HEAD ? HttpMethod.GET
                            : method;
                    return follow(request, next, uri.resolve(location).toString(), redirectsLeft - 1);
                });
    }

    /** The address a host name resolves to, through Vert.x's non-blocking resolver (literals need no lookup). */
    private Uni<InetAddress> resolve(String host) {
        return Uni.createFrom().emitter(emitter -> ((VertxInternal) vertx.getDelegate()).resolveAddress(host,
                result -> {
                    if (result.succeeded()) {
                        emitter.complete(result.result());
                    } else {
                        emitter.fail(result.cause());
                    }
                }));
    }

    private CheckCompleted answered(CheckRequested request, Instant startedAt, long durationMs, Answer answer,
                                    ExpectedStatuses expected) {
        int status = answer.response().statusCode();
        boolean up = expected.contains(status);
        return new CheckCompleted(CheckCompleted.VERSION, request.checkId(), request.monitorId(), config.region(),
                checkerId, request.reason(), request.url(), startedAt, durationMs, status,
                up ? Outcome.UP : Outcome.DOWN, up ? null : ErrorKind.UNEXPECTED_STATUS,
                up ? null : "HTTP " + status, answer.url(), null, null);
    }

    private CheckCompleted failed(CheckRequested request, Instant startedAt, long durationMs, Throwable failure) {
        return new CheckCompleted(CheckCompleted.VERSION, request.checkId(), request.monitorId(), config.region(),
                checkerId, request.reason(), request.url(), startedAt, durationMs, null, Outcome.DOWN,
                ErrorClassifier.classify(failure), ErrorClassifier.describe(failure), null, null, null);
    }

    private static long elapsedMs(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
