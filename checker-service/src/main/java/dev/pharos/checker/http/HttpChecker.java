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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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


    public HttpChecker(Vertx vertx, CheckerConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.guard = new TargetGuard(config.allowPrivateTargets(), config.allowedTargets().orElse(List.of()));
        this.hosts = new HostLimiter(config.perHostConcurrency(),
                work -> vertx.getDelegate().runOnContext(ignored -> work.run()));
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
        return Uni.createFrom().emitter(emitter -> check(request, emitter::complete));
    }

    /**
     * As {@link #check(CheckRequested)}, handing the result to {@code done} (on whichever thread ends the check) instead
     * of through a {@link Uni}: the consumer's way, without a reactive pipeline's cost for each of thousands of checks.
     */
    public void check(CheckRequested request, Consumer<CheckCompleted> done) {
        String host = hostKey(request.url());
        hosts.acquire(host, () -> new Check(request, result -> {
            try {
                done.accept(result);
            } finally {
                hosts.release(host);
            }
        }).start());
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

    /**
     * One check, from its start to its one result. Each step is a callback of the step before (resolve, connect, send,
     * answer, and again for a redirect or the GET after a refused HEAD); the first of the answer, a failure or the
     * deadline to end the check wins, and whatever arrives later is dropped (a connection that arrives late is closed).
     */
    private final class Check {

        private final CheckRequested request;
        private final Consumer<CheckCompleted> done;
        private final CheckRun run = new CheckRun();
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile Timeout deadline;
        private ExpectedStatuses expected;
        private CheckHeaders headers;
        /** Whether the HEAD has already been retried as GET (once only). */
        private boolean retriedAsGet;

        Check(CheckRequested request, Consumer<CheckCompleted> done) {
            this.request = request;
            this.done = done;
        }

        void start() {
            try {
                expected = ExpectedStatuses.parse(request.expectedStatuses());
                headers = request.requestHeaders().isEmpty() ? ownHeaders
                        : CheckHeaders.of(request, config.userAgent());
                Duration limit = Duration.ofMillis(request.timeoutMs());
                deadline = DEADLINES.newTimeout(due -> fail(run.timedOut(limit)), Math.max(1, limit.toMillis()),
                        TimeUnit.MILLISECONDS);
                hop(request.method(), request.url(), request.maxRedirects(), true);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /**
         * Resolves the URL's host, judges the address, connects to exactly that address and sends the request.
         *
         * @param withinOrigin whether every hop so far stayed within the monitor's origin (so credentials may be sent)
         */
        private void hop(HttpMethod method, String url, int redirectsLeft, boolean withinOrigin) {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            run.startHop(isLiteral(host));
            // The address a host name resolves to, through Vert.x's non-blocking resolver (literals need no lookup).
            ((VertxInternal) vertx.getDelegate()).resolveAddress(host, resolved -> step(() -> {
                if (resolved.failed()) {
                    fail(resolved.cause());
                    return;
                }
                InetAddress address = resolved.result();
                run.resolved();
                Optional<String> refusal = guard.refusal(address);
                if (refusal.isPresent()) {
                    fail(new SsrfBlockedException(host, refusal.get()));
                    return;
                }
                var options = new RequestOptions()
                        .setMethod(io.vertx.core.http.HttpMethod.valueOf(method.name()))
                        .setAbsoluteURI(url)
                        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
                headers.forHop(withinOrigin).forEach(options::putHeader);
                // Opens the connection (TCP, and TLS for https), then sends.
                client.request(options).onComplete(connected -> step(() -> {
                    if (connected.failed()) {
                        fail(connected.cause());
                    } else {
                        send(connected.result(), method, url, uri, redirectsLeft, withinOrigin);
                    }
                }, connected.succeeded() ? connected.result() : null));
            }, null));
        }

        /** Sends the request and reads the status line and headers; then hangs up, leaving any body unread. */
        private void send(HttpClientRequest sent, HttpMethod method, String url, URI uri, int redirectsLeft,
                          boolean withinOrigin) {
            run.connected(sent);
            if (over.get()) {
                run.abort(); // ended while connecting: the check's end found no connection to close
                return;
            }
            Instant expiry = run.tlsExpiresAt();
            if (expiry != null && expiry.isBefore(Instant.now())) {
                // The JDK does not judge the expiry of a certificate trusted as it is (a trust anchor).
                fail(new SSLException("the server's certificate expired at " + expiry));
                return;
            }
            sent.send().onComplete(answered -> step(() -> {
                if (answered.failed()) {
                    fail(answered.cause());
                    return;
                }
                int status = answered.result().statusCode();
                String location = answered.result().getHeader("Location");
                run.answered();
                sent.connection().close();
                next(status, location, method, url, uri, redirectsLeft, withinOrigin);
            }, null));
        }

        /** After an answer: the next hop (a redirect, or GET after a refused HEAD), or the result. */
        private void next(int status, String location, HttpMethod method, String url, URI uri, int redirectsLeft,
                          boolean withinOrigin) {
            if (request.followRedirects() && REDIRECTS.contains(status) && location != null && redirectsLeft > 0) {
                HttpMethod nextMethod = status == 303 && method != HttpMethod.HEAD ? HttpMethod.GET : method;
                URI target = uri.resolve(location);
                hop(nextMethod, target.toString(), redirectsLeft - 1,
                        withinOrigin && CheckHeaders.sameOrigin(uri, target));
            } else if (request.method() == HttpMethod.HEAD && !retriedAsGet && (status == 405 || status == 501)) {
                retriedAsGet = true;
                hop(HttpMethod.GET, request.url(), request.maxRedirects(), true);
            } else {
                finish(answered(request, run, new Answer(status, url), expected));
            }
        }

        /**
         * Runs a callback's work unless the check has ended (then a connection it brought is closed); whatever it
         * throws ends the check as a DOWN result.
         */
        private void step(Runnable work, HttpClientRequest arrived) {
            if (over.get()) {
                if (arrived != null) {
                    arrived.reset();
                }
                return;
            }
            try {
                work.run();
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void fail(Throwable failure) {
            if (!over.get()) {
                finish(failed(request, run, failure));
            }
        }

        /** The first end wins: the deadline is removed, a held connection hung up, and the result handed on. */
        private void finish(CheckCompleted result) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            Timeout due = deadline;
            if (due != null) {
                due.cancel();
            }
            run.abort();
            done.accept(result);
        }
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
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
