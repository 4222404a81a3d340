package dev.pharos.notifier.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.Contact;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.ProviderStandInResource;
import dev.pharos.notifier.domain.Transition;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The email channel as the notifier runs it (Qute templates, quarkus-mailer, the journal on) against a real SMTP and
 * IMAP server.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(ProviderStandInResource.class)
class EmailChannelTest {

    @Inject
    EmailChannel channel;
    @Inject
    Mailer mailer;
    @Inject
    @Location("email/alert.txt")
    Template text;
    @Inject
    @Location("email/alert.html")
    Template html;

    private static MimeMessage awaitMailTo(String address) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(
                        GreenMailResource.received())
                .filter(m -> recipient(m).equals(address)).findFirst().orElse(null), m -> m != null);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDownAlertHasATextAndAnEscapedHtmlPart() throws Exception {
        String address = "down-" + UUID.randomUUID() + "@example.com";
        var n = new Notification(Transition.OPENED, Fixtures.INCIDENT, Fixtures.MONITOR, "Shop <b>&</b>",
                "https://shop.example.com/?a=1&b=2", "HTTP 503", Fixtures.FIRST_FAILURE, Duration.ofSeconds(20));

        channel.send(n, Contact.email(address));

        MimeMessage mail = awaitMailTo(address);
        assertEquals("[Pharos] DOWN: Shop <b>&</b>", mail.getSubject());
        assertTrue(mail.isMimeType("multipart/alternative"), mail.getContentType());
        assertEquals("""
                Shop <b>&</b> is DOWN.

                URL:           https://shop.example.com/?a=1&b=2
                Cause:         HTTP 503
                First failure: 2026-11-24 08:00:00 UTC

                Pharos will tell you again when it recovers.

                Incident 6f1c2a4e-8a0b-4c5d-9e7f-1a2b3c4d5e6f""", GreenMailResource.textOf(mail).stripTrailing());
        String html = GreenMailResource.htmlOf(mail);
        assertTrue(html.contains("<h2 style=\"color: #c62828;\">Shop &lt;b&gt;&amp;&lt;/b&gt; is DOWN</h2>"), html);
        assertTrue(html.contains("<a href=\"https://shop.example.com/?a=1&amp;b=2\">"), html);
        assertTrue(html.contains("<td>First failure</td><td>2026-11-24 08:00:00 UTC</td>"), html);
        assertFalse(html.contains("<b>&</b>"), html);
    }

    @Test
    void aRecoveryAlertSaysForHowLongItWasDown() throws Exception {
        String address = "recovered-" + UUID.randomUUID() + "@example.com";

        channel.send(Fixtures.RECOVERED, Contact.email(address));

        MimeMessage mail = awaitMailTo(address);
        assertEquals("[Pharos] RECOVERED: Shop", mail.getSubject());
        assertEquals("""
                Shop has RECOVERED after 3 min 5 s.

                URL:           https://shop.example.com/
                Cause was:     HTTP 503
                Down since:    2026-11-24 08:00:00 UTC
                Down for:      3 min 5 s

                Incident 6f1c2a4e-8a0b-4c5d-9e7f-1a2b3c4d5e6f""", GreenMailResource.textOf(mail).stripTrailing());
        String html = GreenMailResource.htmlOf(mail);
        assertTrue(html.contains("Shop has RECOVERED after 3 min 5 s</h2>"), html);
        assertTrue(html.contains("<td>Down for</td><td>3 min 5 s</td>"), html);
    }

    @Test
    void theSameNotificationToTheSameAddressKeepsItsMessageIdSoACopyCanBeDropped() throws Exception {
        String address = "again-" + UUID.randomUUID() + "@example.com";
        channel.send(Fixtures.RECOVERED, Contact.email(address));
        channel.send(Fixtures.RECOVERED, Contact.email(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address).size() == 2);
        String first = mailsTo(address).get(0).getMessageID();
        assertEquals(first, mailsTo(address).get(1).getMessageID());
        assertTrue(first.matches("<[0-9a-f-]{36}@pharos>"), first);

        String other = "other-" + UUID.randomUUID() + "@example.com";
        channel.send(Fixtures.RECOVERED, Contact.email(other));
        assertNotEquals(first, awaitMailTo(other).getMessageID(), "another recipient, another message");
    }

    @Test
    void twoRemindersOfOneIncidentNeverShareAMessageId() throws Exception {
        // A notification does not say which reminder it is, so reminders cannot have a key of their own.
        String address = "remind-" + UUID.randomUUID() + "@example.com";
        var reminder = new Notification(Transition.REMINDER, Fixtures.INCIDENT, Fixtures.MONITOR, "Shop",
                "https://shop.example.com/", "HTTP 503", Fixtures.FIRST_FAILURE, Duration.ofMinutes(30));
        channel.send(reminder, Contact.email(address));
        channel.send(reminder, Contact.email(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address).size() == 2);
        assertNotEquals(mailsTo(address).get(0).getMessageID(), mailsTo(address).get(1).getMessageID());
    }

    private static List<MimeMessage> mailsTo(String address) {
        return GreenMailResource.receivedBy(address);
    }

    @Test
    void theJournalGetsABlindCopyThatNoHeaderShows() throws Exception {
        String address = "bcc-" + UUID.randomUUID() + "@example.com";
        channel.send(Fixtures.DOWN, Contact.email(address));

        MimeMessage owners = awaitMailTo(address);
        String messageId = owners.getMessageID();
        MimeMessage copy = await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(
                GreenMailResource.journal()).filter(m -> messageId.equals(idOf(m))).findFirst().orElse(null),
                m -> m != null);
        for (MimeMessage mail : List.of(owners, copy)) {
            assertEquals(List.of(address), Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList());
            var raw = new ByteArrayOutputStream();
            mail.writeTo(raw);
            String headers = raw.toString(StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];
            assertFalse(headers.contains(GreenMailResource.JOURNAL), headers);
        }
    }

    @Test
    void theJournalTellsWhichEmailsTheSmtpServerAccepted() throws Exception {
        Instant since = Instant.now();
        String address = "accepted-" + UUID.randomUUID() + "@example.com";
        channel.send(Fixtures.DOWN, Contact.email(address));
        awaitMailTo(address);

        assertTrue(channel.accepted(Fixtures.DOWN, Contact.email(address), since));
        assertFalse(channel.accepted(Fixtures.RECOVERED, Contact.email(address), since), "another transition");
        assertFalse(channel.accepted(Fixtures.DOWN, Contact.email("not-" + address), since), "another address");
    }

    @Test
    void aReminderIsNeverTakenForAcceptedForItHasNoMessageIdOfItsOwn() throws Exception {
        Instant since = Instant.now();
        String address = "reminded-" + UUID.randomUUID() + "@example.com";
        var reminder = new Notification(Transition.REMINDER, UUID.randomUUID(), Fixtures.MONITOR, "Shop",
                "https://shop.example.com/", "HTTP 503", Fixtures.FIRST_FAILURE, Duration.ofMinutes(30));
        channel.send(reminder, Contact.email(address));
        awaitMailTo(address);

        assertFalse(channel.accepted(reminder, Contact.email(address), since));
    }

    @Test
    void withoutAJournalNothingIsCopiedAndNothingCountsAsAccepted() throws Exception {
        var unjournaled = new EmailChannel(mailer, text, html, Optional.empty());
        Instant since = Instant.now();
        String address = "unjournaled-" + UUID.randomUUID() + "@example.com";
        unjournaled.send(Fixtures.DOWN, Contact.email(address));
        String messageId = awaitMailTo(address).getMessageID();

        assertFalse(unjournaled.accepted(Fixtures.DOWN, Contact.email(address), since));
        assertTrue(Arrays.stream(GreenMailResource.journal()).noneMatch(m -> messageId.equals(idOf(m))));
    }

    @Test
    void aJournalThatRefusesTheLoginIsAnErrorWithoutThePassword() {
        String wrong = "wrong-Pa55-" + UUID.randomUUID();
        MailJournal journal = MailJournal.of(Fixtures.config(
                "pharos.notifier.email.journal.address", GreenMailResource.JOURNAL,
                "pharos.notifier.email.journal.imap-host", "127.0.0.1",
                "pharos.notifier.email.journal.imap-port", Integer.toString(GreenMailResource.imapPort()),
                "pharos.notifier.email.journal.imap-user", GreenMailResource.JOURNAL_LOGIN,
                "pharos.notifier.email.journal.imap-password", wrong,
                "pharos.notifier.email.journal.imap-ssl", "false").email().journal()).orElseThrow();
        var journaled = new EmailChannel(mailer, text, html, Optional.of(journal));

        var e = assertThrows(ChannelException.class,
                () -> journaled.accepted(Fixtures.DOWN, Contact.email("ops@example.com"), Instant.now()));
        assertTrue(e.getMessage().startsWith("email journal: cannot search imap://journal@127.0.0.1:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("AuthenticationFailedException"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    private static String idOf(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void validatesAddresses() {
        channel.validate(Contact.email("ops@example.com"));
        assertThrows(IllegalArgumentException.class, () -> channel.validate(Contact.email("ops")));
        assertThrows(IllegalArgumentException.class, () -> channel.validate(Contact.email("a b@example.com")));
        assertThrows(IllegalArgumentException.class,
                () -> channel.validate(Contact.email("a".repeat(320) + "@example.com")));
    }
}
