package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static dev.pharos.notifier.channel.Fixtures.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.Contact;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.TwilioStandIn;
import dev.pharos.notifier.config.NotifierConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TwilioSmsChannelTest extends HttpChannelTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-auth-token-0123456789";

    private TwilioSmsChannel channel(String... extra) {
        var settings = new java.util.ArrayList<>(java.util.List.of(
                "pharos.notifier.twilio.account-sid", SID,
                "pharos.notifier.twilio.auth-token", TOKEN,
                "pharos.notifier.twilio.from", "+15005550006",
                "pharos.notifier.twilio.base-url", server.url("")));
        settings.addAll(java.util.List.of(extra));
        NotifierConfig config = Fixtures.config(settings.toArray(String[]::new));
        return new TwilioSmsChannel(client(config), config);
    }

    @Test
    void postsTheMessagesFormWithBasicAuthentication() throws Exception {
        server.answer(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}");
        channel().send(DOWN, new Contact("twilio", "+41791234567"));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/" + SID + "/Messages.json", request.path());
        assertEquals("Basic QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjp0d2lsaW8tYXV0aC10b2tlbi0wMTIzNDU2Nzg5",
                request.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("To=%2B41791234567&From=%2B15005550006"
                + "&Body=%5BPharos%5D+DOWN%3A+Shop+-+HTTP+503+-+https%3A%2F%2Fshop.example.com%2F",
                request.bodyText());
    }

    @Test
    void aRefusalIsAFailureWithStatusAndExcerptButNoToken() {
        server.answer(401, "{\"code\":20003,\"message\":\"Authenticate\"}");
        var e = assertThrows(ChannelException.class,
                () -> channel().send(DOWN, new Contact("twilio", "+41791234567")));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("Authenticate"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void missingOperatorCredentialsNameTheProperty() {
        NotifierConfig config = Fixtures.config();
        var channel = new TwilioSmsChannel(client(config), config);
        var e = assertThrows(IllegalArgumentException.class,
                () -> channel.validate(new Contact("twilio", "+41791234567")));
        assertEquals("the twilio channel is not configured: pharos.notifier.twilio.account-sid is not set",
                e.getMessage());
    }

    @Test
    void rejectsNumbersThatAreNotE164() {
        var channel = channel();
        channel.validate(new Contact("twilio", "+41791234567"));
        for (String bad : new String[] {"0791234567", "+41 79 123 45 67", "+0123456789", "+4179123456789012"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> channel.validate(new Contact("twilio", bad)),
                    bad);
            assertTrue(e.getMessage().contains("E.164"), e.getMessage());
        }
    }

    @Test
    void aBaseUrlThatIsNotHttpStopsTheChannelAtStart() {
        NotifierConfig config = Fixtures.config("pharos.notifier.twilio.base-url", "ftp://api.twilio.com");
        var e = assertThrows(IllegalStateException.class, () -> new TwilioSmsChannel(client(config), config));
        assertTrue(e.getMessage().contains("pharos.notifier.twilio.base-url"), e.getMessage());
    }

    @Test
    void acceptedFindsTheNotificationInTwilioListOfMessagesSinceTheAttempt() throws Exception {
        try (TwilioStandIn twilio = TwilioStandIn.start()) {
            var channel = standIn(twilio.baseUrl());
            var owner = new Contact("twilio", "+41791234567");
            Instant attempt = Instant.now();
            assertFalse(channel.accepted(DOWN, owner, attempt), "nothing sent yet");

            channel.send(DOWN, owner);
            channel.send(DOWN, new Contact("twilio", "+41790000000"));
            assertTrue(channel.accepted(DOWN, owner, attempt));
            assertFalse(channel.accepted(RECOVERED, owner, attempt), "another notification's text");
            assertFalse(channel.accepted(DOWN, new Contact("twilio", "+41791111111"), attempt), "another number");
            assertFalse(channel.accepted(DOWN, owner, Instant.now().plusSeconds(10)), "sent before the attempt");

            twilio.takeDown();
            var e = assertThrows(ChannelException.class, () -> channel.accepted(DOWN, owner, attempt));
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
            assertFalse(e.getMessage().contains(TwilioStandIn.AUTH_TOKEN), e.getMessage());
        }
    }

    @Test
    void anUnreadableMessageListIsAFailureNotAnAnswer() {
        server.answer(200, "<html>maintenance</html>");
        var e = assertThrows(ChannelException.class,
                () -> channel().accepted(DOWN, new Contact("twilio", "+41791234567"), Instant.now()));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        var request = server.take();
        assertEquals("GET", request.method());
        assertEquals("/2010-04-01/Accounts/" + SID + "/Messages.json?To=%2B41791234567&From=%2B15005550006"
                + "&PageSize=200", request.path());
    }

    @Test
    void aSendWithoutAnAnswerInTimeMayHaveArrivedOneRefusedHasNot() throws Exception {
        try (TwilioStandIn twilio = TwilioStandIn.start()) {
            var owner = new Contact("twilio", "+41791234567");
            twilio.answerLate(Duration.ofSeconds(3));
            var late = assertThrows(ChannelException.class, () -> standIn(twilio.baseUrl()).send(DOWN, owner));
            assertTrue(late.mayHaveArrived(), late.getMessage());
            assertEquals(1, twilio.messages().size(), "stored before the late answer");

            var refused = assertThrows(ChannelException.class,
                    () -> standIn("http://127.0.0.1:" + Ports.free()).send(DOWN, owner));
            assertFalse(refused.mayHaveArrived(), refused.getMessage());
        }
    }

    /** The channel on a Twilio stand-in's account at {@code baseUrl}, with a time limit of 500 ms. */
    private TwilioSmsChannel standIn(String baseUrl) {
        NotifierConfig config = Fixtures.config(
                "pharos.notifier.twilio.account-sid", TwilioStandIn.ACCOUNT_SID,
                "pharos.notifier.twilio.auth-token", TwilioStandIn.AUTH_TOKEN,
                "pharos.notifier.twilio.from", TwilioStandIn.FROM,
                "pharos.notifier.twilio.base-url", baseUrl,
                "pharos.notifier.channel-timeout.twilio", "500ms");
        return new TwilioSmsChannel(client(config), config);
    }
}
