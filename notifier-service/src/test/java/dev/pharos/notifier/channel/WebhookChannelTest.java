package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static dev.pharos.notifier.channel.Fixtures.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.Contact;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookChannelTest extends HttpChannelTest {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:40Z");

    private WebhookChannel channel(String... config) {
        return new WebhookChannel(client(Fixtures.config(config)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Contact contact() {
        return new Contact("webhook", server.url("/hooks/pharos?team=ops"), Map.of("secret", SECRET));
    }

    /** What a receiver computes to check the signature: independent of the channel's own code. */
    private static String expectedSignature(byte[] body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void postsTheEventAsSignedJson() throws Exception {
        channel().send(DOWN, contact());

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/hooks/pharos?team=ops", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("incident.opened", request.header("X-Pharos-Event"));
        assertEquals(Long.toString(NOW.getEpochSecond()), request.header("X-Pharos-Timestamp"));
        assertEquals("{\"v\":1,\"event\":\"incident.opened\",\"incidentId\":\"" + Fixtures.INCIDENT + "\","
                + "\"monitor\":{\"id\":\"" + Fixtures.MONITOR + "\",\"name\":\"Shop\","
                + "\"url\":\"https://shop.example.com/\"},\"status\":\"DOWN\",\"cause\":\"HTTP 503\","
                + "\"firstFailureAt\":\"2026-11-24T08:00:00Z\",\"downForSeconds\":20,"
                + "\"sentAt\":\"2026-11-24T08:00:40Z\"}", request.bodyText());
        assertEquals(expectedSignature(request.body()), request.header("X-Pharos-Signature"));
        assertEquals(null, request.header("Authorization"));
    }

    @Test
    void aRecoveryIsTheResolvedEvent() throws Exception {
        channel().send(RECOVERED, contact());

        var request = server.take();
        assertEquals("incident.resolved", request.header("X-Pharos-Event"));
        assertTrue(request.bodyText().contains("\"status\":\"UP\""), request.bodyText());
        assertTrue(request.bodyText().contains("\"downForSeconds\":185"), request.bodyText());
        assertEquals(expectedSignature(request.body()), request.header("X-Pharos-Signature"));
    }

    @Test
    void aRefusalHasTheStatusAndAShortExcerptButNeverTheSecret() {
        server.answer(500, "internal error; secret was " + SECRET + " " + "x".repeat(1000));
        var e = assertThrows(ChannelException.class, () -> channel().send(DOWN, contact()));
        assertTrue(e.getMessage().startsWith("webhook: HTTP 500 from 127.0.0.1: internal error; secret was *** xxx"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("..."), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aTimeoutIsAFailureWithoutTheSecretOrThePath() {
        server.hang();
        var e = assertThrows(ChannelException.class,
                () -> channel("pharos.notifier.channel-timeout.webhook", "250ms").send(DOWN, contact()));
        assertEquals("webhook: no answer from 127.0.0.1 within 250 ms", e.getMessage());
    }

    @Test
    void validatesTheUrlAndTheSecret() {
        var channel = channel();
        channel.validate(contact());
        assertEquals("target must be an http or https URL", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("webhook", "ftp://example.com/x", Map.of("secret", SECRET))))
                .getMessage());
        assertEquals("target is not a valid URL", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("webhook", "http://exa mple.com/", Map.of("secret", SECRET))))
                .getMessage());
        assertEquals("target has no host", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("webhook", "https:///x", Map.of("secret", SECRET))))
                .getMessage());
        assertEquals("target must not contain a user name or password", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("webhook", "https://u:p@example.com/", Map.of("secret", SECRET))))
                .getMessage());
        assertEquals("target is longer than 500 characters", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("webhook", "https://example.com/" + "a".repeat(500),
                        Map.of("secret", SECRET)))).getMessage());
        assertEquals("setting 'secret' is required", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("webhook", "https://example.com/")))
                .getMessage());
        var shortSecret = assertThrows(IllegalArgumentException.class, () -> channel.validate(
                new Contact("webhook", "https://example.com/", Map.of("secret", "short-one"))));
        assertEquals("setting 'secret' must be at least 16 characters", shortSecret.getMessage());
    }
}
