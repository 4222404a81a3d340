package dev.pharos.notifier.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.devstack.Ports;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The journal's settings, checked at start, and a journal that cannot be reached. Searching it: EmailChannelTest. */
class MailJournalTest {

    private static final String PASSWORD = "imap-Secret-4711";

    private static Optional<MailJournal> journal(String... keyValues) {
        return MailJournal.of(Fixtures.config(keyValues).email().journal());
    }

    /** A journal with every setting, changed by {@code name, value} pairs; a null value leaves that setting out. */
    private static Optional<MailJournal> journalWith(String... changes) {
        var settings = new LinkedHashMap<String, String>(Map.of("address", "journal@example.com",
                "imap-host", "127.0.0.1", "imap-user", "journal", "imap-password", PASSWORD));
        for (int i = 0; i < changes.length; i += 2) {
            settings.put(changes[i], changes[i + 1]);
        }
        settings.values().removeIf(Objects::isNull);
        return journal(settings.entrySet().stream()
                .flatMap(e -> Stream.of("pharos.notifier.email.journal." + e.getKey(), e.getValue()))
                .toArray(String[]::new));
    }

    private static String startError(String... extra) {
        return assertThrows(IllegalStateException.class, () -> journalWith(extra)).getMessage();
    }

    @Test
    void isOffUnlessAnAddressIsSet() {
        assertEquals(Optional.empty(), journal());
        assertEquals(Optional.empty(), journal("pharos.notifier.email.journal.imap-host", "imap.example.com"));
        assertEquals("journal@example.com", journalWith().orElseThrow().address());
    }

    @Test
    void anAddressWithoutItsImapSettingsStopsTheStartNamingTheProperty() {
        assertEquals("configuration: pharos.notifier.email.journal.imap-host is not set; the journal needs it when "
                + "pharos.notifier.email.journal.address is set", startError("imap-host", null));
        assertTrue(startError("imap-user", " ").contains("pharos.notifier.email.journal.imap-user is not set"));
        assertTrue(startError("imap-password", null).contains(
                "pharos.notifier.email.journal.imap-password is not set"));
        assertEquals("configuration: pharos.notifier.email.journal.address must be an email address, such as "
                + "pharos-journal@example.com", startError("address", "journal"));
        assertEquals("configuration: pharos.notifier.email.journal.imap-port must be 1-65535, not 0",
                startError("imap-port", "0"));
        assertEquals("configuration: pharos.notifier.email.journal.imap-timeout must be positive, not PT0S",
                startError("imap-timeout", "0s"));
    }

    @Test
    void aJournalThatCannotBeReachedIsAnErrorThatNamesItButNotThePassword() {
        int closed = Ports.free();
        MailJournal journal = journalWith("imap-port", Integer.toString(closed), "imap-ssl", "false",
                "imap-timeout", "2s").orElseThrow();

        var e = assertThrows(ChannelException.class, () -> journal.contains("<x@pharos>", Instant.now()));
        assertTrue(e.getMessage().startsWith("email journal: cannot search imap://journal@127.0.0.1:" + closed
                + "/INBOX: "), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
}
