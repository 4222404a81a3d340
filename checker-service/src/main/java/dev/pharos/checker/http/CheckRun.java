package dev.pharos.checker.http;

import dev.pharos.contracts.CheckTimings;
import dev.pharos.contracts.ErrorKind;
import io.vertx.core.http.HttpClientRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What one check has done so far: which phase its current hop is in, how long the hop's phases took, and the
 * connection it holds. The phase names a timeout (a check stuck connecting is a CONNECT_TIMEOUT, one stuck waiting for
 * the answer a TIMEOUT), and the held connection is closed when the check ends however it ends.
 */
final class CheckRun {

    /** Where the current hop is. */
    enum Phase { RESOLVING, CONNECTING, WAITING, DONE }

    /** The part of an HTTP answer a check needs. */
    record Response(int status, String location) {
    }

    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();

    // Written on the event loop, read by the deadline's thread: volatile is enough, each field has one writer at a time.
    private volatile Phase phase = Phase.RESOLVING;
    private volatile long phaseStarted = started;
    private volatile boolean literal;
    private volatile Long dnsMs;
    private volatile Long connectMs;
    private volatile Long firstByteMs;
    private volatile Instant tlsExpiresAt;
    /** The connection the current hop holds; taken by whoever ends with it (the answer, or the check's end). */
    private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();

    Instant startedAt() {
        return startedAt;
    }

    long elapsedMs() {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** A new hop begins (the first request, a redirect, or the GET after a refused HEAD): its timings start afresh. */
    void startHop(boolean literalAddress) {
        literal = literalAddress;
        dnsMs = null;
        connectMs = null;
        firstByteMs = null;
        tlsExpiresAt = null;
        enter(Phase.RESOLVING);
    }

    void resolved() {
        dnsMs = literal ? null : sinceMs(phaseStarted);
        enter(Phase.CONNECTING);
    }

    void connected(HttpClientRequest connectedRequest) {
        connectMs = sinceMs(phaseStarted);
        request.set(connectedRequest);
        tlsExpiresAt = certificateExpiry(connectedRequest);
        enter(Phase.WAITING);
    }

    void answered() {
        firstByteMs = sinceMs(phaseStarted);
        request.set(null);
        enter(Phase.DONE);
    }

    CheckTimings timings() {
        return new CheckTimings(dnsMs, connectMs, firstByteMs);
    }

    Instant tlsExpiresAt() {
        return tlsExpiresAt;
    }

    /** The failure for a check that ran out of time, named after the phase it was stuck in. */
    TimeoutException timedOut(Duration limit) {
        String within = " within " + limit.toMillis() + " ms";
        return switch (phase) {
            case RESOLVING -> new PhaseTimeoutException(ErrorKind.DNS, "no DNS answer" + within);
            case CONNECTING -> new PhaseTimeoutException(ErrorKind.CONNECT_TIMEOUT,
                    "could not connect" + within);
            case WAITING, DONE -> new PhaseTimeoutException(ErrorKind.TIMEOUT,
                    "no complete answer" + within);
        };
    }

    /** Hangs up a connection the check still holds, so a server that never answers keeps no socket of ours. */
    void abort() {
        // Taken atomically: a connection stored while the check ends is either taken here or by the caller that
        // stored it, which then finds the check over and aborts again.
        HttpClientRequest held = request.getAndSet(null);
        if (held != null) {
            held.reset();
        }
    }

    private void enter(Phase next) {
        phase = next;
        phaseStarted = System.nanoTime();
    }

    private static long sinceMs(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private static Instant certificateExpiry(HttpClientRequest request) {
        if (!request.connection().isSsl()) {
            return null;
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            return !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf
                    ? leaf.getNotAfter().toInstant() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
