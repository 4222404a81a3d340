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
import io.netty.util.NetUtil;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;
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
 * Runs one HTTP check on the Vert.x event loops: HEAD (or GET), a 405/501 answer to HEAD retried once as GET, the
 * whole check bounded by the request's timeout. Every hop, redirects included, is resolved first, judged by the
 * {@link TargetGuard}, and then connected to at exactly that address ({@link Connector}). Only the status line and
 * headers are read: the connection is closed as soon as they arrive, so a body is never downloaded, let alone
 * buffered ({@link Exchange}).
 *
 * <p>Every request, the GET retry and each redirect hop included, carries the monitor's request headers over our
 * {@code User-Agent} and {@code Accept}, less those the checker must set itself (Host, Content-Length and the
 * hop-by-hop headers). Credentials (Authorization, Cookie, X-Api-Key and the like) go only to the monitor's origin: a
 * redirect to another scheme, host or port drops them for the rest of the chain. {@link CheckHeaders} has the rule.
 */
@ApplicationScoped
public class HttpChecker {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** A safety net only: every check ends by its own deadline first, and hangs up its connection then. */
    private static final int CONNECT_LIMIT_MS = 65_000;

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
    private final Connector connector;
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
        this.connector = new Connector(vertx.getDelegate(),
                TrustStores.extraTrust(config.trustStore(), config.trustStorePassword()), CONNECT_LIMIT_MS);
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
        URI url = parseOrNull(request.url());
        String host = url == null || url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        hosts.acquire(host, () -> new Check(request, url, result -> {
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

    /** The URL, or null when it is not one (the check then fails with the parser's reason). */
    private static URI parseOrNull(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * One check, from its start to its one result. Each step is a callback of the step before (resolve, connect, send,
     * answer, and again for a redirect or the GET after a refused HEAD); the first of the answer, a failure or the
     * deadline to end the check wins, and whatever arrives later is dropped (a connection that arrives late is closed).
     */
    private final class Check {

        private final CheckRequested request;
        /** The request's URL, parsed; null when it is not a URL. */
        private final URI url;
        private final Consumer<CheckCompleted> done;
        private final CheckRun run = new CheckRun();
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile Timeout deadline;
        private ExpectedStatuses expected;
        private CheckHeaders headers;
        /** Whether the HEAD has already been retried as GET (once only). */
        private boolean retriedAsGet;

        Check(CheckRequested request, URI url, Consumer<CheckCompleted> done) {
            this.request = request;
            this.url = url;
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
                hop(request.method(), url != null ? url : URI.create(request.url()), request.maxRedirects(), true);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /**
         * Resolves the URL's host, judges the address, connects to exactly that address and sends the request.
         *
         * @param withinOrigin whether every hop so far stayed within the monitor's origin (so credentials may be sent)
         */
        private void hop(HttpMethod method, URI uri, int redirectsLeft, boolean withinOrigin) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + uri);
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            var target = new Hop(method, uri, scheme.equals("https"), redirectsLeft, withinOrigin);
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
            run.startHop(literal != null || isLiteral(host));
            if (literal != null) {
                connect(target, host, literal, true);
                return;
            }
            // The address a host name resolves to, through Vert.x's non-blocking resolver.
            ((VertxInternal) vertx.getDelegate()).resolveAddress(host, resolved -> step(() -> {
                if (resolved.failed()) {
                    fail(resolved.cause());
                } else {
                    connect(target, host, resolved.result(), false);
                }
            }));
        }

        /** Judges the address and, if it may be checked, connects to it (TCP, and TLS for https). */
        private void connect(Hop target, String host, InetAddress address, boolean literal) {
            run.resolved();
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                fail(new SsrfBlockedException(host, refusal.get()));
                return;
            }
            int port = target.uri.getPort() != -1 ? target.uri.getPort() : target.https ? 443 : 80;
            Exchange exchange = connector.prepare(target.https ? host : null, port, literal, target);
            // Held before it connects, so that whatever ends the check hangs it up; a check that ended meanwhile
            // found nothing to hang up, and connects nothing.
            run.opening(exchange);
            if (over.get()) {
                exchange.abort();
                return;
            }
            connector.connect(exchange, address, port);
        }

        /**
         * One request of the check and what its connection reports (on the connection's event loop): connected,
         * answered, or failed.
         */
        private final class Hop implements Exchange.Listener {

            private final HttpMethod method;
            private final URI uri;
            private final boolean https;
            private final int redirectsLeft;
            private final boolean withinOrigin;

            Hop(HttpMethod method, URI uri, boolean https, int redirectsLeft, boolean withinOrigin) {
                this.method = method;
                this.uri = uri;
                this.https = https;
                this.redirectsLeft = redirectsLeft;
                this.withinOrigin = withinOrigin;
            }

            @Override
            public void opened(boolean tls) {
                step(() -> run.opened(tls));
            }

            @Override
            public void connected(Exchange exchange) {
                step(() -> {
                    if (https) {
                        run.secured(exchange);
                    }
                    Instant expiry = run.tlsExpiresAt();
                    if (expiry != null && expiry.isBefore(Instant.now())) {
                        // The JDK does not judge the expiry of a certificate trusted as it is (a trust anchor).
                        fail(new SSLException("the server's certificate expired at " + expiry));
                        return;
                    }
                    exchange.send(HttpRequests.head(method, uri, headers.linesForHop(withinOrigin)));
                });
            }

            @Override
            public void answered(ResponseHead head) {
                step(() -> {
                    run.answered();
                    next(head.status(), head.location(), method, uri, redirectsLeft, withinOrigin);
                });
            }

            @Override
            public void failed(Throwable cause) {
                fail(cause);
            }
        }

        /** After an answer: the next hop (a redirect, or GET after a refused HEAD), or the result. */
        private void next(int status, String location, HttpMethod method, URI uri, int redirectsLeft,
                          boolean withinOrigin) {
            if (request.followRedirects() && REDIRECTS.contains(status) && location != null && redirectsLeft > 0) {
                HttpMethod nextMethod = status == 303 && method != HttpMethod.HEAD ? HttpMethod.GET : method;
                URI target = HttpRequests.redirectTarget(uri, location);
                hop(nextMethod, target, redirectsLeft - 1,
                        withinOrigin && CheckHeaders.sameOrigin(uri, target));
            } else if (request.method() == HttpMethod.HEAD && !retriedAsGet && (status == 405 || status == 501)) {
                retriedAsGet = true;
                hop(HttpMethod.GET, url, request.maxRedirects(), true);
            } else {
                finish(answered(request, run, new Answer(status, uri.toString()), expected));
            }
        }

        /**
         * Runs a callback's work unless the check has ended (its connection is then already hung up); whatever it
         * throws ends the check as a DOWN result.
         */
        private void step(Runnable work) {
            if (over.get()) {
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
}
