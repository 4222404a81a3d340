package dev.pharos.checker.messaging;

import dev.pharos.contracts.CheckCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checker's metrics on {@code /q/metrics}: {@code pharos_checks_total} by outcome and error kind,
 * {@code pharos_check_duration_seconds} (a histogram), {@code pharos_checks_in_flight}, and
 * {@code pharos_checks_skipped_total} by reason ({@code other-region}: requests for other regions' checkers).
 */
// Made at start-up, not at the first check: the gauge, the histogram and the skip counter exist (at 0) from the start.
@Startup
@ApplicationScoped
public class CheckMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer duration;
    private final Counter otherRegion;

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
        Counter.builder("pharos.checks")
                .description("Checks run, by outcome and error kind")
                .tag("outcome", result.outcome().name())
                .tag("error_kind", result.errorKind() == null ? "none" : result.errorKind().name())
                .register(registry)
                .increment();
    }
}
