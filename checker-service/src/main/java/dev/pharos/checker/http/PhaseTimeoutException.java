package dev.pharos.checker.http;

import dev.pharos.contracts.ErrorKind;
import java.util.concurrent.TimeoutException;

/** A check ran out of time; the kind says in which phase (DNS, CONNECT_TIMEOUT or TIMEOUT). */
public class PhaseTimeoutException extends TimeoutException {

    private final transient ErrorKind kind;

    public PhaseTimeoutException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
