package dev.pharos.checker.http;

import dev.pharos.contracts.CheckTimings;
import dev.pharos.contracts.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one check has done so far: which phase its current hop is in, how long the hop's phases took, and the
 * connection it holds. The phase names a timeout (a check stuck connecting is a CONNECT_TIMEOUT, one stuck waiting for
 * the answer a TIMEOUT), and the held connection is closed when the check ends however it ends.
 */
final class CheckRun {

    /** Where the current hop is. */
    enum Phase { RESOLVING, CONNECTING, HANDSHAKING, WAITING, DONE }

    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();

    // Written on the event loop, read by the deadline's thread: volatile is enough, each field has one writer at a time.
    private volatile Phase phase = Phase.RESOLVING;
    private volatile long phaseStarted = started;
    private volatile boolean literal;
    private volatile Long dnsMs;
    private volatile Long connectMs;
    private volatile Long tlsMs;
    private volatile Long firstByteMs;
    private volatile Instant tlsExpiresAt;
    /** The connection the current hop holds, from the moment it is being opened; taken by the check's end. */
    private final AtomicReference<Exchange> connection = new AtomicReference<>();

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
        tlsMs = null;
        firstByteMs = null;
        tlsExpiresAt = null;
        enter(Phase.RESOLVING);
    }

    void resolved() {
        dnsMs = literal ? null : sinceMs(phaseStarted);
        enter(Phase.CONNECTING);
    }

    /**
     * The hop's connection, before it connects. It replaces the last hop's, which hung up when its answer arrived (if
     * one is somehow still held, it is hung up now).
     */
    void opening(Exchange opened) {
        Exchange previous = connection.getAndSet(opened);
        if (previous != null) {
            previous.abort();
        }
    }

    /** The TCP connection is open; for https the TLS handshake begins. */
    void opened(boolean tls) {
        connectMs = sinceMs(phaseStarted);
        enter(tls ? Phase.HANDSHAKING : Phase.WAITING);
    }

    /** Ready for the request: for https, the handshake is done and the certificate verified. */
    void secured(Exchange connected) {
        tlsMs = sinceMs(phaseStarted);
        tlsExpiresAt = connected.certificateExpiry();
        enter(Phase.WAITING);
    }

    /** The answer's head arrived (the exchange hangs up by itself). */
    void answered() {
        firstByteMs = sinceMs(phaseStarted);
        connection.set(null);
        enter(Phase.DONE);
    }

    CheckTimings timings() {
        return new CheckTimings(dnsMs, connectMs, tlsMs, firstByteMs);
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
            case HANDSHAKING -> new PhaseTimeoutException(ErrorKind.CONNECT_TIMEOUT,
                    "connected, but no TLS handshake" + within);
            case WAITING, DONE -> new PhaseTimeoutException(ErrorKind.TIMEOUT,
                    "no complete answer" + within);
        };
    }

    /** Hangs up a connection the check still holds, so a server that never answers keeps no socket of ours. */
    void abort() {
        // Taken atomically: a connection stored while the check ends is either taken here or by the hop that stored
        // it, which then finds the check over and aborts it itself.
        Exchange held = connection.getAndSet(null);
        if (held != null) {
            held.abort();
        }
    }

    private void enter(Phase next) {
        phase = next;
        phaseStarted = System.nanoTime();
    }

    private static long sinceMs(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
