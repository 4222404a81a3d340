package dev.pharos.bench;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.Outcome;
import java.util.Objects;
import java.util.Optional;

/** The one correct classification of a check of each kind of farm host. */
public final class Expectation {

    private Expectation() {
    }

    /** What is wrong with {@code result} for {@code target}, or empty when it is classified correctly. */
    public static Optional<String> mismatch(Targets.Target target, CheckCompleted result) {
        Outcome outcome;
        ErrorKind errorKind;
        Integer status;
        switch (target.behaviour()) {
            case OK, MOVED -> {
                outcome = Outcome.UP;
                errorKind = null;
                status = 200;
            }
            case UNAVAILABLE, NOT_FOUND -> {
                outcome = Outcome.DOWN;
                errorKind = ErrorKind.UNEXPECTED_STATUS;
                status = target.behaviour().status();
            }
            case NEVER -> {
                outcome = Outcome.DOWN;
                errorKind = ErrorKind.TIMEOUT;
                status = null;
            }
            case REFUSED -> {
                outcome = Outcome.DOWN;
                errorKind = ErrorKind.CONNECT_REFUSED;
                status = null;
            }
            default -> throw new IllegalStateException("unhandled " + target.behaviour());
        }
        boolean correct = result.outcome() == outcome && result.errorKind() == errorKind
                && Objects.equals(result.httpStatus(), status)
                && (target.finalUrl() == null || target.finalUrl().equals(result.finalUrl()));
        if (correct) {
            return Optional.empty();
        }
        return Optional.of(target.behaviour() + " " + target.url() + ": expected " + outcome
                + (errorKind == null ? "" : " " + errorKind) + (status == null ? "" : " HTTP " + status)
                + (target.finalUrl() == null ? "" : " at " + target.finalUrl())
                + ", got " + result.outcome() + (result.errorKind() == null ? "" : " " + result.errorKind())
                + (result.httpStatus() == null ? "" : " HTTP " + result.httpStatus())
                + (result.finalUrl() == null ? "" : " at " + result.finalUrl()) + (result.errorMessage() == null ? "" : " (" + result.errorMessage() + ")"));
    }
}
