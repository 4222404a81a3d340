package dev.pharos.notifier.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * When a monitor counts as flapping: {@code transitions} changes between UP and DOWN (incidents opened or resolved)
 * within {@code window}.
 *
 * @param transitions how many changes inside the window make it flapping; at least 2
 * @param window      the sliding window, and how long it must then stay unchanged to count as stable again
 */
public record FlappingRule(int transitions, Duration window) {

    public static final FlappingRule DEFAULT = new FlappingRule(5, Duration.ofMinutes(10));

    public FlappingRule {
        Objects.requireNonNull(window, "window is required");
        if (transitions < 2) {
            throw new IllegalArgumentException(
                    "pharos.notifier.flapping.transitions must be at least 2, not " + transitions);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("pharos.notifier.flapping.window must be positive, not " + window);
        }
    }

    /** What a FLAPPING notice says, for example {@code changed state 5 times in 10 min}. */
    public String describe(int changes) {
        return "changed state " + changes + " times in " + human(window);
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return (s / 3600) + " h";
        }
        if (s % 60 == 0) {
            return (s / 60) + " min";
        }
        return s + " s";
    }
}
