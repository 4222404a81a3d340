package dev.pharos.checker.messaging;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The checker's metrics on {@code /q/metrics}: {@code pharos_checks_total} by outcome and error kind,
 * {@code pharos_check_duration_seconds} (a histogram), {@code pharos_checks_in_flight}, and
 * {@code pharos_checks_skipped_total} by reason ({@code other-region}: requests for other regions' checkers).
 */
// Made at start-up, not at the first check: the gauge, the histogram and the skip counter exist (at 0) from the start.
@Startup
@ApplicationScoped
public class CheckMetrics {

    /** Counters per outcome: one without an error kind, then one per kind. */
    private static final int PER_OUTCOME = ErrorKind.values().length + 1;

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer duration;
    private final Counter otherRegion;
    /**
     * The checks counter of each outcome and error kind, made at its first check (so only the combinations seen are
     * exported) and then reused: building and looking up a meter by name and tags for every check is needless work.
     */
    private final AtomicReferenceArray<Counter> checks =
            new AtomicReferenceArray<>(Outcome.values().length * PER_OUTCOME);

    public CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("pharos.checks.in.flight", inFlight);
        this.duration = Timer.builder("pharos.check.duration")
                .description("Time from the start of a check to its result")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.otherRegion = Counter.builder("pharos.checks.skipped")
                .description("Check requests consumed without a check, by reason")
                .tag("reason", "other-region")
                .register(registry);
    }

    void skippedForOtherRegion() {
        otherRegion.increment();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(CheckCompleted result) {
        inFlight.decrementAndGet();
        duration.record(Duration.ofMillis(result.durationMs()));
        checksCounter(result.outcome(), result.errorKind()).increment();
    }

    private Counter checksCounter(Outcome outcome, ErrorKind errorKind) {
        int index = outcome.ordinal() * PER_OUTCOME + (errorKind == null ? 0 : errorKind.ordinal() + 1);
        Counter counter = checks.get(index);
        if (counter == null) {
            // Registering twice is harmless: the registry returns the meter it already has.
            counter = Counter.builder("pharos.checks")
                    .description("Checks run, by outcome and error kind")
                    .tag("outcome", outcome.name())
                    .tag("error_kind", errorKind == null ? "none" : errorKind.name())
                    .register(registry);
            checks.set(index, counter);
        }
        return counter;
    }
}
