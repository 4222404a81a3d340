package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static dev.pharos.notifier.channel.Fixtures.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Transition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NtfyChannelTest extends HttpChannelTest {

    private static final String TOKEN = "tk_ntfy0123456789abcdefghijklmno";

    private NtfyChannel channel() {
        return new NtfyChannel(client(Fixtures.config()));
    }

    @Test
    void postsTheMessageToTheTopicWithTitlePriorityTagsAndToken() throws Exception {
        channel().send(DOWN, new Contact("ntfy", server.url("/pharos-ops"), Map.of("token", TOKEN)));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/pharos-ops", request.path());
        assertEquals("DOWN: Shop", request.header("Title"));
        assertEquals("urgent", request.header("Priority"));
        assertEquals("rotating_light", request.header("Tags"));
        assertEquals("Bearer " + TOKEN, request.header("Authorization"));
        assertEquals("text/plain; charset=utf-8", request.header("Content-Type"));
        assertEquals("Shop is DOWN: HTTP 503\nURL: https://shop.example.com/\nSince: 2026-11-24 08:00:00 UTC",
                request.bodyText());
    }

    @Test
    void aRecoveryHasDefaultPriorityAndNoTokenWhenNoneIsSet() throws Exception {
        channel().send(RECOVERED, new Contact("ntfy", server.url("/pharos-ops")));

        var request = server.take();
        assertEquals("RECOVERED: Shop", request.header("Title"));
        assertEquals("default", request.header("Priority"));
        assertEquals("white_check_mark", request.header("Tags"));
        assertEquals(null, request.header("Authorization"));
    }

    @Test
    void aTitleBeyondAsciiIsAnEncodedWord() throws Exception {
        var n = new Notification(Transition.OPENED, Fixtures.INCIDENT, Fixtures.MONITOR, "Café", "https://cafe.example/",
                "HTTP 500", Fixtures.FIRST_FAILURE, Duration.ofSeconds(5));
        channel().send(n, new Contact("ntfy", server.url("/t1")));

        // base64 of the UTF-8 bytes of "DOWN: Café"
        assertEquals("=?UTF-8?B?RE9XTjogQ2Fmw6k=?=", server.take().header("Title"));
    }

    @Test
    void aRefusalNeverShowsTheToken() {
        server.answer(403, "{\"code\":40301,\"error\":\"forbidden\"}");
        var e = assertThrows(ChannelException.class,
                () -> channel().send(DOWN, new Contact("ntfy", server.url("/t1"), Map.of("token", TOKEN))));
        assertEquals("ntfy: HTTP 403 from 127.0.0.1: {\"code\":40301,\"error\":\"forbidden\"}", e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void validatesTheTopicUrlAndToken() {
        var channel = channel();
        channel.validate(new Contact("ntfy", "https://ntfy.sh/pharos-ops"));
        assertEquals("target must be a topic URL, such as https://ntfy.sh/my-topic", assertThrows(
                IllegalArgumentException.class, () -> channel.validate(new Contact("ntfy", "https://ntfy.sh/")))
                .getMessage());
        assertEquals("target must be an http or https URL", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("ntfy", "file:///etc/passwd"))).getMessage());
        assertEquals("setting 'token' is longer than 2000 characters", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("ntfy", "https://ntfy.sh/t", Map.of("token", "t".repeat(2001)))))
                .getMessage());
    }
}
