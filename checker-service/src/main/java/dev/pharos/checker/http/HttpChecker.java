package dev.pharos.checker.http;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.domain.ExpectedStatuses;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Runs one HTTP check on the Vert.x event loop: HEAD (or GET), a 405/501 answer to HEAD retried once as GET, the
 * whole check bounded by the request's timeout. Every hop, redirects included, is resolved first, judged by the
 * {@link TargetGuard}, and then connected to at exactly that address. Only the status line and headers are read: the
 * connection is closed as soon as they arrive, so a body is never downloaded, let alone buffered.
 *
 * <p>Every request, the GET retry and each redirect hop included, carries the monitor's request headers over our
 * {@code User-Agent} and {@code Accept}, less those the checker must set itself (Host, Content-Length and the
 * hop-by-hop headers). Credentials (Authorization, Cookie, X-Api-Key and the like) go only to the monitor's origin: a
 * redirect to another scheme, host or port drops them for the rest of the chain. {@link CheckHeaders} has the rule.
 */
@ApplicationScoped
public class HttpChecker {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** Safety nets for connections a check has already given up on; every check ends by its own deadline first. */
    private static final int CONNECT_LIMIT_MS = 65_000;
    private static final int IDLE_LIMIT_SECONDS = 65;

    /**
     * The deadlines of running checks, on a timing wheel of 10 ms ticks: adding and removing one costs the same however
     * many are pending, where an event loop's timer queue pays a heap operation for each. A deadline that comes due
     * ends its check on the wheel's thread. One wheel for the whole process, never stopped (its thread is a daemon).
     */
    private static final HashedWheelTimer DEADLINES = new HashedWheelTimer(runnable -> {
        var thread = new Thread(runnable, "check-deadlines");
        thread.setDaemon(true);
        return thread;
    }, 10, TimeUnit.MILLISECONDS, 512);

    private final Vertx vertx;
    private final HttpClient client;
    private final CheckerConfig config;
    private final TargetGuard guard;
    private final HostLimiter hosts;
    private final String checkerId;
    /** The headers of every check whose monitor asks for none (most): made once, not per check. */
    private final CheckHeaders ownHeaders;

    /** The last answer of a check and the URL that gave it. */
    private record Answer(int status, String url) {
    }

    /** What every hop of one check shares: the request and its headers. */
    private record Check(CheckRequested request, CheckHeaders headers) {
    }

    public HttpChecker(Vertx vertx, CheckerConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.guard = new TargetGuard(config.allowPrivateTargets(), config.allowedTargets().orElse(List.of()));
        this.hosts = new HostLimiter(config.perHostConcurrency());
        this.checkerId = config.id().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
        this.ownHeaders = CheckHeaders.ours(config.userAgent());
        var options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                // Vert.x queues requests beyond 5 connections per address, and each check's deadline would run while
                // queued. The host limiter already keeps a host's checks to a few; redirects from many hosts to one
                // may add some. A pool is made per address and sized by this, so it must not be huge either.
                .setMaxPoolSize(Math.max(64, 4 * config.perHostConcurrency()))
                // Checks are started from the consumer's thread; spread their connections over one event loop per
                // core (more would only switch between threads on the same cores).
                .setPoolEventLoopSize(Runtime.getRuntime().availableProcessors())
                .setKeepAlive(false)
                .setDecompressionSupported(false)
                .setConnectTimeout(CONNECT_LIMIT_MS)
                .setIdleTimeout(IDLE_LIMIT_SECONDS)
                .setForceSni(true)
                .setTrustAll(false)
                .setVerifyHost(true);
        TrustStores.extraTrust(config.trustStore(), config.trustStorePassword())
                .ifPresent(options::setTrustOptions);
        this.client = vertx.getDelegate().createHttpClient(options);
    }

    /**
     * Never fails: whatever goes wrong, including a malformed request, becomes a DOWN result. Waits for a free slot of
     * the URL's host first; the timeout counts from when the check really starts.
     */
    public Uni<CheckCompleted> check(CheckRequested request) {
        return hosts.run(hostKey(request.url()), () -> checkNow(request));
    }

    /** This checker's name in results. */
    public String checkerId() {
        return checkerId;
    }

    private static String hostKey(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private Uni<CheckCompleted> checkNow(CheckRequested request) {
        var run = new CheckRun();
        return Uni.createFrom().deferred(() -> {
                    ExpectedStatuses expected = ExpectedStatuses.parse(request.expectedStatuses());
                    Duration limit = Duration.ofMillis(request.timeoutMs());
                    var check = new Check(request, request.requestHeaders().isEmpty() ? ownHeaders
                            : CheckHeaders.of(request, config.userAgent()));
                    return follow(run, check, request.method(), request.url(), request.maxRedirects(), true)
                            .onItem().transformToUni(answer -> request.method() == HttpMethod.HEAD
                                    && (answer.status() == 405 || answer.status() == 501)
                                    ? follow(run, check, HttpMethod.GET, request.url(), request.maxRedirects(), true)
                                    : Uni.createFrom().item(answer))
                            .plug(work -> within(limit, () -> run.timedOut(limit), work))
                            .map(answer -> answered(request, run, answer, expected));
                })
                .onFailure().recoverWithItem(failure -> failed(request, run, failure))
                .onTermination().invoke(run::abort);
    }

    /**
     * The work's outcome, or {@code timeout}'s failure when the work has not ended within {@code limit} (the work is
     * then cancelled). The deadline is removed from {@link #DEADLINES} as soon as the work ends; Mutiny's
     * {@code ifNoItem().after(...)} would leave each finished check's cancelled deadline, holding on to the check, in a
     * shared scheduler's queue until it came due: thousands of finished checks kept alive for the whole timeout.
     */
    private static <T> Uni<T> within(Duration limit, Supplier<? extends Throwable> timeout, Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            var over = new AtomicBoolean();
            var timedOut = new AtomicBoolean();
            var running = new AtomicReference<Cancellable>();
            Timeout deadline = DEADLINES.newTimeout(due -> {
                if (over.compareAndSet(false, true)) {
                    timedOut.set(true);
                    cancel(running.get());
                    emitter.fail(timeout.get());
                }
            }, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            running.set(work.subscribe().with(
                    item -> {
                        if (over.compareAndSet(false, true)) {
                            deadline.cancel();
                            emitter.complete(item);
                        }
                    },
                    failure -> {
                        if (over.compareAndSet(false, true)) {
                            deadline.cancel();
                            emitter.fail(failure);
                        }
                    }));
            if (timedOut.get()) {
                cancel(running.get()); // the deadline came before the work was even subscribed
            }
            emitter.onTermination(() -> {
                if (over.compareAndSet(false, true)) { // cancelled from downstream
                    deadline.cancel();
                    cancel(running.get());
                }
            });
        });
    }

    private static void cancel(Cancellable work) {
        if (work != null) {
            work.cancel();
        }
    }

    /**
     * Sends the request to {@code url} and follows redirects, at most {@code redirectsLeft} of them.
     *
     * @param withinOrigin whether every hop so far stayed within the monitor's origin (so credentials may be sent)
     */
    private Uni<Answer> follow(CheckRun run, Check check, HttpMethod method, String url, int redirectsLeft,
                               boolean withinOrigin) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an http(s) URL: " + url));
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        run.startHop(isLiteral(host));
        return resolve(host)
                .onItem().invoke(address -> {
                    run.resolved();
                    guard.refusal(address).ifPresent(reason -> {
                        throw new SsrfBlockedException(host, reason);
                    });
                })
                .onItem().transformToUni(address -> {
                    var options = new RequestOptions()
                            .setMethod(io.vertx.core.http.HttpMethod.valueOf(method.name()))
                            .setAbsoluteURI(url)
                            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
                    check.headers().forHop(withinOrigin).forEach(options::putHeader);
                    return connect(run, options);
                })
                .onItem().transformToUni(sent -> answer(run, sent))
                .onItem().transformToUni(response -> {
                    String location = response.location();
                    if (!check.request().followRedirects() || !REDIRECTS.contains(response.status())
                            || location == null || redirectsLeft <= 0) {
                        return Uni.createFrom().item(new Answer(response.status(), url));
                    }
                    HttpMethod next = response.status() == 303 && method != HttpMethod.HEAD ? HttpMethod.GET
                            : method;
                    URI target = uri.resolve(location);
                    return follow(run, check, next, target.toString(), redirectsLeft - 1,
                            withinOrigin && CheckHeaders.sameOrigin(uri, target));
                });
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
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

    /**
     * Opens the connection (TCP, and TLS for https). A connection that arrives after the check gave up is closed at
     * once instead of lingering.
     */
    private Uni<HttpClientRequest> connect(CheckRun run, RequestOptions options) {
        return Uni.createFrom().emitter(emitter -> {
            var over = new AtomicBoolean();
            emitter.onTermination(() -> over.set(true));
            client.request(options).onComplete(result -> {
                if (result.failed()) {
                    emitter.fail(result.cause());
                } else if (over.get()) {
                    result.result().reset();
                } else {
                    run.connected(result.result());
                    Instant expiry = run.tlsExpiresAt();
                    if (expiry != null && expiry.isBefore(Instant.now())) {
                        // The JDK does not judge the expiry of a certificate trusted as it is (a trust anchor).
                        emitter.fail(new SSLException("the server's certificate expired at " + expiry));
                    } else {
                        emitter.complete(result.result());
                    }
                }
            });
        });
    }

    /** Sends the request and reads the status line and headers; then hangs up, leaving any body unread. */
    private Uni<CheckRun.Response> answer(CheckRun run, HttpClientRequest request) {
        return Uni.createFrom().emitter(emitter -> request.send().onComplete(result -> {
            if (result.failed()) {
                emitter.fail(result.cause());
                return;
            }
            var response = new CheckRun.Response(result.result().statusCode(), result.result().getHeader("Location"));
            run.answered();
            request.connection().close();
            emitter.complete(response);
        }));
    }

    private CheckCompleted answered(CheckRequested request, CheckRun run, Answer answer, ExpectedStatuses expected) {
        boolean up = expected.contains(answer.status());
        return new CheckCompleted(CheckCompleted.VERSION, request.checkId(), request.monitorId(), config.region(),
                checkerId, request.reason(), request.url(), run.startedAt(), run.elapsedMs(), answer.status(),
                up ? Outcome.UP : Outcome.DOWN, up ? null : ErrorKind.UNEXPECTED_STATUS,
                up ? null : "HTTP " + answer.status(), answer.url(), run.tlsExpiresAt(), run.timings());
    }

    private CheckCompleted failed(CheckRequested request, CheckRun run, Throwable failure) {
        return new CheckCompleted(CheckCompleted.VERSION, request.checkId(), request.monitorId(), config.region(),
                checkerId, request.reason(), request.url(), run.startedAt(), run.elapsedMs(), null, Outcome.DOWN,
                ErrorClassifier.classify(failure), ErrorClassifier.describe(failure), null, run.tlsExpiresAt(),
                run.timings());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
