package dev.pharos.checker.messaging;

import dev.pharos.contracts.CheckCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checker's metrics on {@code /q/metrics}: {@code pharos_checks_total} by outcome and error kind,
 * {@code pharos_check_duration_seconds} (a histogram) and {@code pharos_checks_in_flight}.
 */
@ApplicationScoped
public class CheckMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer duration;

    public CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("pharos.checks.in.flight", inFlight);
        this.duration = Timer.builder("pharos.check.duration")
                .description("Time from the start of a check to its result")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
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
