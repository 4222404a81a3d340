package dev.pharos.bench.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FarmHostsTest {

    @ParameterizedTest
    @ValueSource(ints = {100, 2_000, 5_000, 20_000})
    void everyBehaviourHasExactlyItsShareOfTheHosts(int hosts) {
        var counts = new EnumMap<Behaviour, Integer>(Behaviour.class);
        for (int i = 0; i < hosts; i++) {
            counts.merge(FarmHosts.behaviour(i), 1, Integer::sum);
        }
        assertEquals(Map.of(
                Behaviour.OK, hosts * 85 / 100,
                Behaviour.UNAVAILABLE, hosts * 5 / 100,
                Behaviour.NOT_FOUND, hosts * 4 / 100,
                Behaviour.MOVED, hosts / 100,
                Behaviour.NEVER, hosts * 3 / 100,
                Behaviour.REFUSED, hosts * 2 / 100), counts);
    }

    @Test
    void everyHostHasItsOwnLoopbackAddressThatMapsBackToIt() {
        var addresses = new HashSet<String>();
        for (int i = 0; i < FarmHosts.MAX_HOSTS; i++) {
            String address = FarmHosts.address(i);
            assertTrue(address.startsWith("127.1.") || address.startsWith("127.2."), address);
            assertEquals(OptionalInt.of(i), FarmHosts.index(address), address);
            addresses.add(address);
        }
        assertEquals(FarmHosts.MAX_HOSTS, addresses.size());
    }

    @Test
    void addressesOutsideTheFarmHaveNoHost() {
        for (String address : new String[] {"127.0.0.1", "127.3.0.1", "127.1.0.0", "127.1.0.251", "10.1.0.1",
                "::1", "localhost"}) {
            assertEquals(OptionalInt.empty(), FarmHosts.index(address), address);
        }
    }

    @Test
    void aMovedHostRedirectsToAHostThatAnswers200() {
        int moved = 0;
        for (int i = 0; i < 5_000; i++) {
            if (FarmHosts.behaviour(i) == Behaviour.MOVED) {
                moved++;
                assertEquals(Behaviour.OK, FarmHosts.behaviour(FarmHosts.redirectTarget(i)), "host " + i);
            }
        }
        assertEquals(50, moved);
    }
}
