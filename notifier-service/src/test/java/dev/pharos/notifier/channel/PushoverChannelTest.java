package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static dev.pharos.notifier.channel.Fixtures.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.config.NotifierConfig;
import org.junit.jupiter.api.Test;

class PushoverChannelTest extends HttpChannelTest {

    private static final String APP_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private static final String USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";

    private PushoverChannel channel() {
        NotifierConfig config = Fixtures.config("pharos.notifier.pushover.app-token", APP_TOKEN,
                "pharos.notifier.pushover.base-url", server.url("/"));
        return new PushoverChannel(client(config), config);
    }

    @Test
    void postsTheMessagesForm() throws Exception {
        channel().send(DOWN, new Contact("pushover", USER));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/1/messages.json", request.path());
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("token=" + APP_TOKEN + "&user=" + USER + "&title=DOWN%3A+Shop"
                + "&message=Shop+is+DOWN%3A+HTTP+503%0AURL%3A+https%3A%2F%2Fshop.example.com%2F"
                + "%0ASince%3A+2026-11-24+08%3A00%3A00+UTC&priority=1", request.bodyText());
    }

    @Test
    void aRecoveryHasNormalPriority() throws Exception {
        channel().send(RECOVERED, new Contact("pushover", USER));
        assertEquals(true, server.take().bodyText().endsWith("&priority=0"));
    }

    @Test
    void aRefusalNeverShowsTheAppToken() {
        server.answer(400, "{\"token\":\"invalid\",\"errors\":[\"application token is invalid: " + APP_TOKEN
                + "\"],\"status\":0}");
        var e = assertThrows(ChannelException.class, () -> channel().send(DOWN, new Contact("pushover", USER)));
        assertEquals("pushover: HTTP 400 from 127.0.0.1: {\"token\":\"invalid\",\"errors\":"
                + "[\"application token is invalid: ***\"],\"status\":0}", e.getMessage());
        assertFalse(e.getMessage().contains(APP_TOKEN));
    }

    @Test
    void withoutTheAppTokenTheChannelIsNotConfigured() {
        NotifierConfig config = Fixtures.config();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PushoverChannel(client(config), config).validate(new Contact("pushover", USER)));
        assertEquals("the pushover channel is not configured: pharos.notifier.pushover.app-token is not set",
                e.getMessage());
    }

    @Test
    void rejectsAUserKeyOfTheWrongShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> channel().validate(new Contact("pushover", "short")));
        assertEquals("target must be a Pushover user or group key (30 letters and digits)", e.getMessage());
    }
}
