package dev.pharos.notifier.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.notifier.domain.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailChannelTest {

    private final Notification down = new Notification(Transition.OPENED, UUID.randomUUID(), "Shop",
            "https://shop.example.com/", "HTTP 503", Instant.parse("2026-11-24T08:00:00Z"), Duration.ofSeconds(20));

    @Test
    void subjectsSayWhatHappenedAndToWhat() {
        assertEquals("[Pharos] DOWN: Shop", EmailChannel.subject(down));
        var recovered = new Notification(Transition.RESOLVED, down.incidentId(), "Shop", down.monitorUrl(),
                down.cause(), down.firstFailureAt(), Duration.ofSeconds(185));
        assertEquals("[Pharos] RECOVERED: Shop", EmailChannel.subject(recovered));
        assertTrue(EmailChannel.body(recovered).contains("3 min 5 s"), EmailChannel.body(recovered));
    }

    @Test
    void bodyNamesTheUrlTheCauseAndTheTime() {
        String body = EmailChannel.body(down);
        assertTrue(body.contains("https://shop.example.com/"), body);
        assertTrue(body.contains("HTTP 503"), body);
        assertTrue(body.contains("2026-11-24 08:00:00 UTC"), body);
    }

    @Test
    void validatesAddresses() {
        var channel = new EmailChannel(null);
        channel.validate("ops@example.com");
        assertThrows(IllegalArgumentException.class, () -> channel.validate("ops"));
        assertThrows(IllegalArgumentException.class, () -> channel.validate("a b@example.com"));
    }
}
