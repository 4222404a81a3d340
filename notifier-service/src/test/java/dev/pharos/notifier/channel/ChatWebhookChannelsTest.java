package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static dev.pharos.notifier.channel.Fixtures.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Transition;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Slack, Discord and Teams: a JSON POST to a webhook URL that is itself the secret. */
class ChatWebhookChannelsTest extends HttpChannelTest {

    private static final String SLACK_PATH = "/services/T000/B000/XXXXsecretXXXX";

    @Test
    void slackGetsTheTextWithItsControlCharactersEscaped() throws Exception {
        var n = new Notification(Transition.OPENED, Fixtures.INCIDENT, Fixtures.MONITOR, "<!channel> & co",
                "https://shop.example.com/", "HTTP 503", Fixtures.FIRST_FAILURE, Duration.ofSeconds(20));
        new SlackChannel(client(Fixtures.config())).send(n, new Contact("slack", server.url(SLACK_PATH)));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals(SLACK_PATH, request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("{\"text\":\":rotating_light: &lt;!channel&gt; &amp; co is DOWN: HTTP 503\\n"
                + "URL: https://shop.example.com/\\nSince: 2026-11-24 08:00:00 UTC\"}", request.bodyText());
    }

    @Test
    void aSlackRefusalNeverShowsTheWebhookPath() {
        server.answer(404, "no_service");
        var e = assertThrows(ChannelException.class, () -> new SlackChannel(client(Fixtures.config()))
                .send(DOWN, new Contact("slack", server.url(SLACK_PATH))));
        assertEquals("slack: HTTP 404 from 127.0.0.1: no_service", e.getMessage());
    }

    @Test
    void discordGetsTheContentWithMentionsDisabled() throws Exception {
        new DiscordChannel(client(Fixtures.config())).send(RECOVERED,
                new Contact("discord", server.url("/api/webhooks/123/abc")));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/api/webhooks/123/abc", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(new JsonObject()
                .put("content", "**RECOVERED: Shop**\nShop has RECOVERED after 3 min 5 s\n"
                        + "URL: https://shop.example.com/\nCause was: HTTP 503")
                .put("allowed_mentions", new JsonObject().put("parse", new io.vertx.core.json.JsonArray()))
                .encode(), request.bodyText());
    }

    @Test
    void teamsGetsAnAdaptiveCard() throws Exception {
        new TeamsChannel(client(Fixtures.config())).send(DOWN,
                new Contact("teams", server.url("/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t")));

        var request = server.take();
        assertEquals("POST", request.method());
        assertEquals("/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        var body = new JsonObject(request.bodyText());
        assertEquals("message", body.getString("type"));
        var attachment = body.getJsonArray("attachments").getJsonObject(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.getString("contentType"));
        assertEquals(new JsonObject("""
                {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
                 "version": "1.4", "body": [
                  {"type": "TextBlock", "text": "[Pharos] DOWN: Shop", "weight": "Bolder", "size": "Medium",
                   "color": "Attention", "wrap": true},
                  {"type": "TextBlock", "text": "Shop is DOWN: HTTP 503\\n\\nURL: https://shop.example.com/\\n\\nSince: 2026-11-24 08:00:00 UTC",
                   "wrap": true}]}"""), attachment.getJsonObject("content"));
    }

    @Test
    void aTeamsTimeoutNeverShowsTheSignatureInTheUrl() {
        server.hang();
        var e = assertThrows(ChannelException.class,
                () -> new TeamsChannel(client(Fixtures.config("pharos.notifier.channel-timeout.teams", "200ms")))
                        .send(DOWN, new Contact("teams", server.url("/invoke?sig=s3cr3t"))));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void eachRejectsATargetThatIsNotAnHttpUrl() {
        var config = Fixtures.config();
        for (NotificationChannel channel : new NotificationChannel[] {new SlackChannel(client(config)),
                new DiscordChannel(client(config)), new TeamsChannel(client(config))}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> channel.validate(new Contact(channel.kind(), "javascript:alert(1)")));
            assertEquals("target must be an http or https URL", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> channel.validate(new Contact(channel.kind(), "")));
        }
    }
}
