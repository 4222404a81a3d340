package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.Contact;
import dev.pharos.devstack.RecordingServer;
import dev.pharos.notifier.config.NotifierConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramChannelTest extends HttpChannelTest {

    private static final String TOKEN = "123456789:AAE-secret_token_value_abcdefghijkl";
    private static final String OPERATOR_TOKEN = "987654321:AAF-operator_token_value_abcdefgh";

    private TelegramChannel channel(String... extra) {
        var properties = new java.util.ArrayList<>(java.util.List.of(
                "pharos.notifier.telegram.base-url", server.url(""),
                "pharos.notifier.channel-timeout.telegram", "300ms"));
        properties.addAll(java.util.List.of(extra));
        NotifierConfig config = Fixtures.config(properties.toArray(String[]::new));
        return new TelegramChannel(client(config), config);
    }

    private static Contact contact(String chat) {
        return new Contact("telegram", chat, Map.of("bot-token", TOKEN));
    }

    @Test
    void postsSendMessageWithTheChatAndText() throws Exception {
        channel().send(DOWN, contact("-1001234567890"));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/bot" + TOKEN + "/sendMessage", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(new JsonObject()
                .put("chat_id", "-1001234567890")
                .put("text", "[Pharos] DOWN: Shop\nShop is DOWN: HTTP 503\nURL: https://shop.example.com/\n"
                        + "Since: 2026-11-24 08:00:00 UTC")
                .encode(), request.bodyText());
    }

    @Test
    void usesTheOperatorsBotTokenWhenTheContactHasNone() throws Exception {
        channel("pharos.notifier.telegram.bot-token", OPERATOR_TOKEN)
                .send(DOWN, new Contact("telegram", "@pharos_alerts"));
        assertEquals("/bot" + OPERATOR_TOKEN + "/sendMessage", server.take().path());
    }

    @Test
    void aRefusalNamesTheStatusButNeverTheToken() {
        // A provider may echo the request path, which holds the token, in its error.
        server.answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized: /bot" + TOKEN
                + "/sendMessage\"}");
        var e = assertThrows(ChannelException.class, () -> channel().send(DOWN, contact("42")));
        assertTrue(e.getMessage().startsWith("telegram: HTTP 401 from 127.0.0.1: {\"ok\":false"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("AAE-secret"), e.getMessage());
    }

    @Test
    void aTimeoutNamesTheLimitButNeverTheToken() {
        server.hang();
        var e = assertThrows(ChannelException.class, () -> channel().send(DOWN, contact("42")));
        assertEquals("telegram: no answer from 127.0.0.1 within 300 ms", e.getMessage());
    }

    @Test
    void anUnreachableServerNamesTheHostButNeverTheToken() {
        String url = server.url("");
        server.close();
        NotifierConfig config = Fixtures.config("pharos.notifier.telegram.base-url", url);
        var e = assertThrows(ChannelException.class,
                () -> new TelegramChannel(client(config), config).send(DOWN, contact("42")));
        assertEquals("telegram: cannot connect to 127.0.0.1", e.getMessage());
    }

    @Test
    void validatesChatAndToken() {
        var channel = channel();
        channel.validate(contact("42"));
        channel.validate(contact("@pharos_alerts"));
        assertEquals("target must be a Telegram chat id (a number) or @channelname", assertThrows(
                IllegalArgumentException.class, () -> channel.validate(contact("my chat"))).getMessage());
        assertEquals("setting 'bot-token' is required, as pharos.notifier.telegram.bot-token is not set",
                assertThrows(IllegalArgumentException.class,
                        () -> channel.validate(new Contact("telegram", "42"))).getMessage());
        var badToken = assertThrows(IllegalArgumentException.class, () -> channel.validate(
                new Contact("telegram", "42", Map.of("bot-token", "not/a-token-but-a-secret"))));
        assertFalse(badToken.getMessage().contains("not/a-token"), badToken.getMessage());
    }

    @Test
    void theDefaultTimeoutAppliesToAChannelWithoutOneOfItsOwn() {
        try (var silent = RecordingServer.start().hang()) {
            NotifierConfig config = Fixtures.config("pharos.notifier.telegram.base-url", silent.url(""),
                    "pharos.notifier.default-channel-timeout", "200ms");
            var e = assertThrows(ChannelException.class,
                    () -> new TelegramChannel(client(config), config).send(DOWN, contact("42")));
            assertEquals("telegram: no answer from 127.0.0.1 within 200 ms", e.getMessage());
        }
    }
}
