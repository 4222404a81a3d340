package dev.pharos.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.json.EventJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactJsonTest {

    @Test
    void settingsRoundTrip() {
        var contact = new Contact("webhook", "https://hooks.example/x", Map.of("secret", "s3cr3t-value-123456"));
        String json = EventJson.writeString(contact);
        assertEquals(contact, EventJson.readString(json, Contact.class));
        assertTrue(json.contains("\"settings\":{\"secret\":\"s3cr3t-value-123456\"}"), json);
    }

    @Test
    void anOlderWritersContactWithoutSettingsReadsAsEmptySettings() {
        Contact contact = EventJson.readString("{\"channel\":\"email\",\"target\":\"ops@example.com\"}",
                Contact.class);
        assertEquals(Contact.email("ops@example.com"), contact);
        assertEquals(Map.of(), contact.settings());
    }

    @Test
    void nullSettingsAndNullValuesAreDroppedAndUnknownFieldsIgnored() {
        Contact contact = EventJson.readString("{\"channel\":\"ntfy\",\"target\":\"https://ntfy.sh/t\","
                + "\"settings\":{\"token\":null,\"priority\":\"high\"},\"future\":1}", Contact.class);
        assertEquals(Map.of("priority", "high"), contact.settings());
        assertEquals(Map.of(), EventJson.readString("{\"channel\":\"email\",\"target\":\"a@b.c\",\"settings\":null}",
                Contact.class).settings());
    }

    @Test
    void toStringNamesSettingsButNotTheirValues() {
        var contact = new Contact("telegram", "42", Map.of("bot-token", "123456:very-secret"));
        assertFalse(contact.toString().contains("very-secret"), contact.toString());
        assertTrue(contact.toString().contains("bot-token"), contact.toString());
    }

    @Test
    void blankSettingsReadAsAbsent() {
        var contact = new Contact("ntfy", "https://ntfy.sh/t", Map.of("token", " "));
        assertEquals(null, contact.setting("token"));
        assertEquals(null, contact.setting("missing"));
    }
}
