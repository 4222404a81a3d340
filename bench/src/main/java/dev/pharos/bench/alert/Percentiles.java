package dev.pharos.bench.alert;

import java.time.Duration;
import java.util.List;

/** Nearest-rank percentiles of some durations. */
public record Percentiles(Duration p50, Duration p90, Duration p99, Duration max) {

    public static Percentiles of(List<Duration> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Duration> sorted = values.stream().sorted().toList();
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted.get(sorted.size() - 1));
    }

    /** The smallest value with at least {@code quantile} of all values at or below it. */
    public static Duration rank(List<Duration> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
