package dev.pharos.bench.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverTwentyTrialsMakesTheP99TheLargest() {
        var values = new ArrayList<>(IntStream.rangeClosed(1, 20).mapToObj(Duration::ofSeconds).toList());
        Collections.shuffle(values);
        Percentiles p = Percentiles.of(values);
        assertEquals(Duration.ofSeconds(10), p.p50());
        assertEquals(Duration.ofSeconds(18), p.p90());
        assertEquals(Duration.ofSeconds(20), p.p99());
        assertEquals(Duration.ofSeconds(20), p.max());
    }

    @Test
    void oneValueIsEveryPercentile() {
        Percentiles p = Percentiles.of(List.of(Duration.ofMillis(7)));
        assertEquals(Duration.ofMillis(7), p.p50());
        assertEquals(Duration.ofMillis(7), p.p99());
    }
}
