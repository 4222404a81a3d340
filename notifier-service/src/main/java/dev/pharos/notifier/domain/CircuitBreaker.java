package dev.pharos.notifier.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for one channel kind, in plain Java. CLOSED: sends go ahead; after {@code failureThreshold}
 * failures in a row it opens. OPEN: no sends until {@code openFor} has passed. Then one caller gets a probe
 * (HALF_OPEN): its success closes the circuit, its failure opens it for another {@code openFor}. Thread-safe.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int failureThreshold, Duration openFor) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
    }

    /**
     * Asks to send once. While HALF_OPEN only the caller that got the probe may send; a caller that was allowed but
     * then had nothing to send gives the permission back with {@link #release()}.
     */
    public synchronized boolean tryAcquire(Instant now) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (now.isBefore(openUntil)) {
                    return false;
                }
                state = State.HALF_OPEN;
                return true;
            default:
                return false;
        }
    }

    /** Gives back a permission that was not used: a probe not sent leaves the circuit open, due for a probe. */
    public synchronized void release() {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    public synchronized void onFailure(Instant now) {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            state = State.OPEN;
            openUntil = now.plus(openFor);
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Until when an OPEN circuit refuses sends. */
    public synchronized Instant openUntil() {
        return openUntil;
    }
}
