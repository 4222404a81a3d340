package dev.pharos.contracts.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of instants agrees with the JDK's, and leaves every other form to Jackson's reader. */
class IsoInstantDeserializerTest {

    record Stamped(Instant at) {
    }

    @Test
    void agreesWithTheJdkOnInstantsAsPharosWritesThem() {
        var random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String text = instant.toString();
            if (text.startsWith("+") || text.startsWith("-")) {
                continue; // years beyond 0000-9999: not ours to read fast
            }
            assertEquals(instant, IsoInstantDeserializer.parse(text), text);
            assertEquals(instant, EventJson.readString("{\"at\":\"" + text + "\"}", Stamped.class).at(), text);
        }
        assertEquals(Instant.parse("2026-11-25T04:15:06.1Z"), IsoInstantDeserializer.parse("2026-11-25T04:15:06.1Z"));
    }

    @Test
    void otherFormsAreLeftToJacksonsReader() {
        for (String text : new String[] {"2026-11-25T04:15:06+01:00", "2026-11-25T04:15:06.Z", "2026-02-30T00:00:00Z",
                "2026-11-25T24:00:00Z", "2026-11-25 04:15:06Z", "2026-11-25T04:15:06.1234567890Z", "x"}) {
            assertNull(IsoInstantDeserializer.parse(text), text);
        }
        assertEquals(Instant.parse("2026-11-25T03:15:06Z"),
                EventJson.readString("{\"at\":\"2026-11-25T04:15:06+01:00\"}", Stamped.class).at());
        assertEquals(Instant.ofEpochSecond(1_700_000_000),
                EventJson.readString("{\"at\":1700000000}", Stamped.class).at());
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.readString("{\"at\":\"2026-02-30T00:00:00Z\"}", Stamped.class));
    }
}
