package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Transition;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsGatewayChannelTest extends HttpChannelTest {

    private SmsGatewayChannel channel() {
        return new SmsGatewayChannel(client(Fixtures.config()));
    }

    private Contact contact(String... settings) {
        var map = new HashMap<String, String>();
        map.put("url", server.url("/api/sms"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new Contact("sms-gateway", "+41791234567", map);
    }

    @Test
    void theDefaultTemplateIsJson() throws Exception {
        var n = new Notification(Transition.OPENED, Fixtures.INCIDENT, Fixtures.MONITOR, "Shop \"EU\"",
                "https://shop.example.com/", "HTTP 503", Fixtures.FIRST_FAILURE, Duration.ofSeconds(20));
        channel().send(n, contact());

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/api/sms", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(null, request.header("Authorization"));
        assertEquals("{\"to\":\"+41791234567\",\"message\":"
                + "\"[Pharos] DOWN: Shop \\\"EU\\\" - HTTP 503 - https://shop.example.com/\"}", request.bodyText());
    }

    @Test
    void aFormTemplateIsUrlEncodedAndTheTokenIsABearer() throws Exception {
        channel().send(DOWN, contact("body", "phone={to}&text={message}&sender=Pharos",
                "content-type", "application/x-www-form-urlencoded", "token", "gw-token-123"));

        var request = server.take();
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("Bearer gw-token-123", request.header("Authorization"));
        assertEquals("phone=%2B41791234567&text=%5BPharos%5D+DOWN%3A+Shop+-+HTTP+503+-+"
                + "https%3A%2F%2Fshop.example.com%2F&sender=Pharos", request.bodyText());
    }

    @Test
    void aPlainTextTemplateGetsTheTextAsIs() throws Exception {
        channel().send(DOWN, contact("body", "{to}: {message}", "content-type", "text/plain; charset=utf-8"));

        var request = server.take();
        assertEquals("text/plain; charset=utf-8", request.header("Content-Type"));
        assertEquals("+41791234567: [Pharos] DOWN: Shop - HTTP 503 - https://shop.example.com/", request.bodyText());
    }

    @Test
    void aRefusalNeverShowsTheToken() {
        server.answer(401, "bad token gw-token-123");
        var e = assertThrows(ChannelException.class,
                () -> channel().send(DOWN, contact("token", "gw-token-123")));
        assertEquals("sms-gateway: HTTP 401 from 127.0.0.1: bad token ***", e.getMessage());
    }

    @Test
    void validatesItsSettings() {
        var channel = channel();
        channel.validate(contact());
        assertEquals("setting 'url' is required", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("sms-gateway", "+41791234567"))).getMessage());
        assertEquals("setting 'url' must be an http or https URL", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("sms-gateway", "+41791234567", Map.of("url", "smtp://x"))))
                .getMessage());
        assertEquals("setting 'body' must contain the placeholder {message}", assertThrows(
                IllegalArgumentException.class, () -> channel.validate(contact("body", "to={to}"))).getMessage());
        assertEquals("setting 'body' is longer than 2000 characters", assertThrows(IllegalArgumentException.class,
                () -> channel.validate(contact("body", "{message}" + "x".repeat(2000)))).getMessage());
        assertEquals("setting 'content-type' is not a media type, such as application/json", assertThrows(
                IllegalArgumentException.class, () -> channel.validate(contact("content-type", "json\r\nX-Evil: 1")))
                .getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("sms-gateway", "0791234567", contact().settings())));
    }
}
