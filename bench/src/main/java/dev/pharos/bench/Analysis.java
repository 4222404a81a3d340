package dev.pharos.bench;

import dev.pharos.bench.farm.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one batch's results say: how fast they came, with and without the timeout tail, how long checks took, and
 * whether each was classified correctly.
 *
 * @param checks                  results expected (one per check)
 * @param allSeconds              from the first publish to the last first-time result
 * @param answering               checks of hosts that answer or refuse (all but {@link Behaviour#NEVER})
 * @param answeringSeconds        from the first publish to the last of those results
 * @param lastHangingStartSeconds when, after the first publish, the checker started its last check of a host that
 *                                never answers (its own clock): no batch can end before this plus the timeout
 * @param durationsMs             p50 and p99 of the checks' own duration ({@code durationMs} in the results)
 * @param answeringDurationsMs    the same for the answering checks only
 * @param connectMs               p50 and p99 of the answering checks' connect phase (their {@code timings})
 * @param firstByteMs             the same for the wait for the first byte of the answer
 * @param total                   checks per behaviour
 * @param correct                 correctly classified checks per behaviour
 * @param mismatchSamples         the first few misclassifications, described
 * @param duplicates              results beyond the first for a check id
 */
record Analysis(int checks, double allSeconds, int answering, double answeringSeconds, double lastHangingStartSeconds,
                Percentiles durationsMs, Percentiles answeringDurationsMs, Percentiles connectMs,
                Percentiles firstByteMs, Map<Behaviour, Integer> total,
                Map<Behaviour, Integer> correct, List<String> mismatchSamples, int duplicates) {

    private static final int SAMPLES = 5;

    /** The 50th and 99th percentiles (nearest rank) of some values. */
    record Percentiles(long p50, long p99) {

        static Percentiles of(List<Long> values) {
            if (values.isEmpty()) {
                return new Percentiles(0, 0);
            }
            var sorted = values.stream().sorted().toList();
            return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99));
        }

        private static long rank(List<Long> sorted, double quantile) {
            return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
        }
    }

    double checksPerSecond() {
        return checks / allSeconds;
    }

    double answeringPerSecond() {
        return answering / answeringSeconds;
    }

    int mismatches() {
        return total.values().stream().mapToInt(Integer::intValue).sum()
                - correct.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * @param targets      each check id's target
     * @param arrivals     the results of these checks as they arrived, duplicates included
     * @param startNanos   {@link System#nanoTime()} at the first publish
     * @param startWall    the wall-clock time of the first publish
     */
    static Analysis of(Map<UUID, Targets.Target> targets, List<Collector.Arrival> arrivals, long startNanos,
                       Instant startWall) {
        var seen = new HashSet<UUID>();
        var total = new EnumMap<Behaviour, Integer>(Behaviour.class);
        var correct = new EnumMap<Behaviour, Integer>(Behaviour.class);
        for (Behaviour behaviour : Behaviour.values()) {
            total.put(behaviour, 0);
            correct.put(behaviour, 0);
        }
        var durations = new ArrayList<Long>();
        var answeringDurations = new ArrayList<Long>();
        var connects = new ArrayList<Long>();
        var firstBytes = new ArrayList<Long>();
        var samples = new ArrayList<String>();
        long lastNanos = startNanos;
        long lastAnsweringNanos = startNanos;
        Instant lastHangingStart = startWall;
        int duplicates = 0;
        for (var arrival : arrivals) {
            var result = arrival.result();
            if (!seen.add(result.checkId())) {
                duplicates++;
                continue;
            }
            var target = targets.get(result.checkId());
            Behaviour behaviour = target.behaviour();
            total.merge(behaviour, 1, Integer::sum);
            var mismatch = Expectation.mismatch(target, result);
            if (mismatch.isEmpty()) {
                correct.merge(behaviour, 1, Integer::sum);
            } else if (samples.size() < SAMPLES) {
                samples.add(mismatch.get());
            }
            durations.add(result.durationMs());
            lastNanos = Math.max(lastNanos, arrival.receivedNanos());
            if (behaviour == Behaviour.NEVER) {
                lastHangingStart = result.startedAt().isAfter(lastHangingStart) ? result.startedAt() : lastHangingStart;
            } else {
                answeringDurations.add(result.durationMs());
                if (result.timings() != null && result.timings().connectMs() != null) {
                    connects.add(result.timings().connectMs());
                }
                if (result.timings() != null && result.timings().firstByteMs() != null) {
                    firstBytes.add(result.timings().firstByteMs());
                }
                lastAnsweringNanos = Math.max(lastAnsweringNanos, arrival.receivedNanos());
            }
        }
        int answering = answeringDurations.size();
        return new Analysis(seen.size(), (lastNanos - startNanos) / 1e9, answering,
                (lastAnsweringNanos - startNanos) / 1e9,
                Duration.between(startWall, lastHangingStart).toMillis() / 1e3,
                Percentiles.of(durations), Percentiles.of(answeringDurations), Percentiles.of(connects),
                Percentiles.of(firstBytes), total, correct, samples, duplicates);
    }
}
