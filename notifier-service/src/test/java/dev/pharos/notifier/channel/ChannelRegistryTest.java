package dev.pharos.notifier.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.contracts.Contact;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRegistryTest extends HttpChannelTest {

    private ChannelRegistry registry() {
        var http = client(Fixtures.config());
        return new ChannelRegistry(List.of(new WebhookChannel(http), new SlackChannel(http)));
    }

    @Test
    void acceptsAValidContactWithItsChannel() {
        var registry = registry();
        var contact = new Contact("slack", "https://hooks.slack.com/services/T/B/X");
        assertSame(registry.find("slack").orElseThrow(), registry.accept(contact));
        assertEquals(List.of("slack", "webhook"), List.copyOf(registry.kinds()));
    }

    @Test
    void namesTheKnownChannelsForAnUnknownOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> registry().accept(new Contact("pager", "x")));
        assertEquals("no channel 'pager'; known: slack, webhook", e.getMessage());
        assertEquals("a contact needs a channel", assertThrows(IllegalArgumentException.class,
                () -> registry().accept(new Contact(null, "x"))).getMessage());
    }

    @Test
    void prefixesTheChannelsOwnComplaint() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> registry().accept(new Contact("webhook", "https://example.com/hook")));
        assertEquals("webhook: setting 'secret' is required", e.getMessage());
    }

    @Test
    void rejectsOverLongTargetsAndSettings() {
        var registry = registry();
        assertEquals("slack: target is longer than 500 characters", assertThrows(IllegalArgumentException.class,
                () -> registry.accept(new Contact("slack", "https://x.example/" + "a".repeat(500)))).getMessage());
        var many = new HashMap<String, String>();
        for (int i = 0; i < 21; i++) {
            many.put("k" + i, "v");
        }
        assertEquals("slack: more than 20 settings", assertThrows(IllegalArgumentException.class,
                () -> registry.accept(new Contact("slack", "https://x.example/", many))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.accept(
                new Contact("slack", "https://x.example/", Map.of("note", "n".repeat(2001)))));
        assertEquals("slack: target is required", assertThrows(IllegalArgumentException.class,
                () -> registry.accept(new Contact("slack", " "))).getMessage());
    }

    @Test
    void twoChannelsOfOneKindAreAMistake() {
        var http = client(Fixtures.config());
        assertThrows(IllegalStateException.class,
                () -> new ChannelRegistry(List.of(new SlackChannel(http), new SlackChannel(http))));
    }
}
