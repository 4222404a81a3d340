package dev.pharos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.bench.farm.Behaviour;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private static final long START = 1_000_000_000L;
    private static final Instant START_WALL = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void separatesTheTimeoutTailCountsDuplicatesAndMismatches() {
        var targets = new LinkedHashMap<UUID, Targets.Target>();
        var ok = withId(ExpectationTest.result(Outcome.UP, null, 200, "http://a/"), START_WALL.plusMillis(10));
        var refused = withId(ExpectationTest.result(Outcome.DOWN, ErrorKind.CONNECT_REFUSED, null, null),
                START_WALL.plusMillis(20));
        var hanging = withId(ExpectationTest.result(Outcome.DOWN, ErrorKind.TIMEOUT, null, null),
                START_WALL.plusMillis(300));
        var wrong = withId(ExpectationTest.result(Outcome.DOWN, ErrorKind.TIMEOUT, null, null),
                START_WALL.plusMillis(30));
        targets.put(ok.checkId(), new Targets.Target("http://a/", Behaviour.OK, "http://a/"));
        targets.put(refused.checkId(), new Targets.Target("http://b/", Behaviour.REFUSED, null));
        targets.put(hanging.checkId(), new Targets.Target("http://c/", Behaviour.NEVER, null));
        targets.put(wrong.checkId(), new Targets.Target("http://d/", Behaviour.OK, "http://d/"));

        var analysis = Analysis.of(targets, List.of(
                new Collector.Arrival(ok, START + 100_000_000L),
                new Collector.Arrival(wrong, START + 200_000_000L),
                new Collector.Arrival(refused, START + 500_000_000L),
                new Collector.Arrival(ok, START + 600_000_000L),
                new Collector.Arrival(hanging, START + 5_400_000_000L)), START, START_WALL);

        assertEquals(4, analysis.checks());
        assertEquals(5.4, analysis.allSeconds(), 1e-9);
        assertEquals(3, analysis.answering());
        assertEquals(0.5, analysis.answeringSeconds(), 1e-9);
        assertEquals(6.0, analysis.answeringPerSecond(), 1e-9);
        assertEquals(0.3, analysis.lastHangingStartSeconds(), 1e-9);
        assertEquals(1, analysis.duplicates());
        assertEquals(1, analysis.mismatches());
        assertEquals(2, analysis.total().get(Behaviour.OK));
        assertEquals(1, analysis.correct().get(Behaviour.OK));
        assertEquals(1, analysis.mismatchSamples().size());
    }

    @Test
    void percentilesAreNearestRank() {
        var values = new java.util.ArrayList<Long>();
        for (long i = 1; i <= 200; i++) {
            values.add(i);
        }
        assertEquals(new Analysis.Percentiles(100, 198), Analysis.Percentiles.of(values));
    }

    private static CheckCompleted withId(CheckCompleted r, Instant startedAt) {
        return new CheckCompleted(r.v(), UUID.randomUUID(), r.monitorId(), r.region(), r.checkerId(), r.reason(),
                r.url(), startedAt, r.durationMs(), r.httpStatus(), r.outcome(), r.errorKind(), r.errorMessage(),
                r.finalUrl(), r.tlsExpiresAt(), r.timings());
    }
}
