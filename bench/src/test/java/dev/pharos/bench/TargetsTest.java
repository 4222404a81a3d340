package dev.pharos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.bench.farm.Behaviour;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private final Targets targets = new Targets(5_000, 8000, 9000);

    @Test
    void twentyThousandChecksSplitExactlyByShareWithFourChecksPerHost() {
        var perBehaviour = new EnumMap<Behaviour, Integer>(Behaviour.class);
        var perUrl = new HashMap<String, Integer>();
        for (int n = 0; n < 20_000; n++) {
            var target = targets.forCheck(n);
            perBehaviour.merge(target.behaviour(), 1, Integer::sum);
            perUrl.merge(target.url(), 1, Integer::sum);
        }
        assertEquals(Map.of(Behaviour.OK, 17_000, Behaviour.UNAVAILABLE, 1_000, Behaviour.NOT_FOUND, 800,
                Behaviour.MOVED, 200, Behaviour.NEVER, 600, Behaviour.REFUSED, 400), perBehaviour);
        assertEquals(5_000, perUrl.size());
        perUrl.forEach((url, count) -> assertEquals(4, count, url));
    }

    @Test
    void urlsUseTheFarmPortExceptForRefusedHosts() {
        for (int n = 0; n < 100; n++) {
            var target = targets.forCheck(n);
            int port = target.behaviour() == Behaviour.REFUSED ? 9000 : 8000;
            assertEquals(port, java.net.URI.create(target.url()).getPort(), target.toString());
        }
    }

    @Test
    void theFinalUrlIsTheUrlItselfForA200HostTheRedirectTargetForAMovedOneAndNoneOtherwise() {
        for (int n = 0; n < 100; n++) {
            var target = targets.forCheck(n);
            switch (target.behaviour()) {
                case OK -> assertEquals(target.url(), target.finalUrl());
                case MOVED -> assertEquals("http://127.1.0.1:8000/", target.finalUrl());
                default -> assertNull(target.finalUrl(), target.toString());
            }
        }
    }

    @Test
    void hostCountsThatCannotKeepTheSharesExactAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Targets(150, 8000, 9000));
        assertThrows(IllegalArgumentException.class, () -> new Targets(0, 8000, 9000));
    }
}
