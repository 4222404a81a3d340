package dev.pharos.notifier.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0}: between {1} and {2} ms")
    @CsvSource({
            "1, 2500, 5000",
            "2, 5000, 10000",
            "3, 10000, 20000",
            "10, 30000, 60000",
            "40, 30000, 60000",
    })
    void doublesPerAttemptUpToTheCapWithJitter(int attempt, long minMs, long maxMs) {
        var random = new Random(attempt);
        for (int i = 0; i < 1000; i++) {
            long ms = Backoff.delay(attempt, Duration.ofSeconds(5), Duration.ofMinutes(1), random).toMillis();
            assertTrue(ms >= minMs && ms <= maxMs, attempt + ": " + ms);
        }
    }
}
