package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Transition;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Email over SMTP with quarkus-mailer: a plain-text and an HTML part from the Qute templates {@code email/alert.txt}
 * and {@code email/alert.html}. Subjects: {@code [Pharos] DOWN: <name>} and {@code [Pharos] RECOVERED: <name>}.
 * The Message-ID is derived from the delivery's idempotency key, so a notification sent again (its provider accepted
 * it but the notifier died before recording that) carries the same Message-ID and receivers can drop the copy
 * (reminders excepted, see {@link #send}). With the journal on ({@code pharos.notifier.email.journal.*}, see
 * {@link MailJournal}) the copy is not sent at all: the journal tells whether the SMTP server accepted the email.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final Mailer mailer;
    private final Template text;
    private final Template html;
    private final Optional<MailJournal> journal;

    @Inject
    public EmailChannel(Mailer mailer, @Location("email/alert.txt") Template text,
                        @Location("email/alert.html") Template html, NotifierConfig config) {
        this(mailer, text, html, MailJournal.of(config.email().journal()));
    }

    EmailChannel(Mailer mailer, Template text, Template html, Optional<MailJournal> journal) {
        this.mailer = mailer;
        this.text = text;
        this.html = html;
        this.journal = journal;
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) {
        validate(contact);
        Mail mail = Mail.withText(contact.target(), Texts.subject(n), render(text, n)).setHtml(render(html, n));
        // A notification does not carry a reminder's sequence number, so reminders keep the mailer's own Message-ID:
        // two different reminders must never look like copies of one.
        if (n.transition() != Transition.REMINDER) {
            mail.addHeader("Message-ID", messageId(n, contact));
        }
        journal.ifPresent(j -> mail.addBcc(j.address()));
        mailer.send(mail);
    }

    /** Whether the journal holds this email; false when the journal is off, and for reminders (no Message-ID). */
    @Override
    public boolean accepted(Notification n, Contact contact, Instant since) throws ChannelException {
        if (journal.isEmpty() || n.transition() == Transition.REMINDER) {
            return false;
        }
        return journal.get().contains(messageId(n, contact), since);
    }

    /** {@code <uuid@pharos>}: a name-based UUID of the delivery's idempotency key (incident, transition, target). */
    static String messageId(Notification n, Contact contact) {
        String key = Delivery.idempotencyKey(n.incidentId(), n.transition(), contact.channel(), contact.target());
        return "<" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + "@pharos>";
    }

    private static String render(Template template, Notification n) {
        TemplateInstance instance = template
                .data("headline", Texts.headline(n))
                .data("down", n.down())
                .data("details", Texts.details(n))
                .data("footer", Texts.footer(n))
                .data("reference", n.transition() == Transition.TEST ? "Test " + n.incidentId()
                        : "Incident " + n.incidentId());
        return instance.render();
    }
}
