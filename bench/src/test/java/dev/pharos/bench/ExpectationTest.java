package dev.pharos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.bench.farm.Behaviour;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.Outcome;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpectationTest {

    private static final String URL = "http://127.1.0.1:8000/";
    private static final String OTHER = "http://127.2.0.1:8000/";

    @Test
    void theOneCorrectResultOfEachKindOfHostPasses() {
        assertCorrect(Behaviour.OK, URL, result(Outcome.UP, null, 200, URL));
        assertCorrect(Behaviour.UNAVAILABLE, null, result(Outcome.DOWN, ErrorKind.UNEXPECTED_STATUS, 503, URL));
        assertCorrect(Behaviour.NOT_FOUND, null, result(Outcome.DOWN, ErrorKind.UNEXPECTED_STATUS, 404, URL));
        assertCorrect(Behaviour.MOVED, OTHER, result(Outcome.UP, null, 200, OTHER));
        assertCorrect(Behaviour.NEVER, null, result(Outcome.DOWN, ErrorKind.TIMEOUT, null, null));
        assertCorrect(Behaviour.REFUSED, null, result(Outcome.DOWN, ErrorKind.CONNECT_REFUSED, null, null));
    }

    @Test
    void aWrongOutcomeKindStatusOrFinalUrlIsAMismatch() {
        assertWrong(Behaviour.OK, URL, result(Outcome.DOWN, ErrorKind.TIMEOUT, null, null));
        assertWrong(Behaviour.UNAVAILABLE, null, result(Outcome.DOWN, ErrorKind.UNEXPECTED_STATUS, 404, URL));
        assertWrong(Behaviour.MOVED, OTHER, result(Outcome.UP, null, 301, URL));
        assertWrong(Behaviour.MOVED, OTHER, result(Outcome.UP, null, 200, URL));
        assertWrong(Behaviour.NEVER, null, result(Outcome.DOWN, ErrorKind.CONNECT_TIMEOUT, null, null));
        assertWrong(Behaviour.REFUSED, null, result(Outcome.DOWN, ErrorKind.PROTOCOL, null, null));
    }

    @Test
    void aMismatchSaysWhatWasExpectedAndWhatCame() {
        var mismatch = Expectation.mismatch(new Targets.Target(URL, Behaviour.NEVER, null),
                result(Outcome.DOWN, ErrorKind.CONNECT_TIMEOUT, null, null));
        assertEquals(Optional.of("NEVER " + URL + ": expected DOWN TIMEOUT, got DOWN CONNECT_TIMEOUT (why)"),
                mismatch);
    }

    private static void assertCorrect(Behaviour behaviour, String finalUrl, CheckCompleted result) {
        assertEquals(Optional.empty(), Expectation.mismatch(new Targets.Target(URL, behaviour, finalUrl), result));
    }

    private static void assertWrong(Behaviour behaviour, String finalUrl, CheckCompleted result) {
        assertTrue(Expectation.mismatch(new Targets.Target(URL, behaviour, finalUrl), result).isPresent(),
                behaviour + " " + result);
    }

    static CheckCompleted result(Outcome outcome, ErrorKind kind, Integer status, String finalUrl) {
        return new CheckCompleted(CheckCompleted.VERSION, UUID.randomUUID(), UUID.randomUUID(), "default", "test",
                CheckReason.SCHEDULED, URL, Instant.now(), 3, status, outcome, kind, kind == null ? null : "why",
                finalUrl, null, null);
    }
}
