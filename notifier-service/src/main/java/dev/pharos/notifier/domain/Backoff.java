package dev.pharos.notifier.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter: the wait doubles per attempt up to a cap, and is spread over its upper half. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param attempt the attempt that just failed, from 1
     */
    public static Duration delay(int attempt, Duration initial, Duration max, RandomGenerator random) {
        long exponent = Math.min(attempt - 1, 30);
        long capped = Math.min(max.toMillis(), initial.toMillis() * (1L << exponent));
        long jittered = capped / 2 + (long) (random.nextDouble() * (capped - capped / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
