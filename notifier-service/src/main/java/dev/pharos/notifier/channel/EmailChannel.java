package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Transition;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Email over SMTP with quarkus-mailer: a plain-text and an HTML part from the Qute templates {@code email/alert.txt}
 * and {@code email/alert.html}. Subjects: {@code [Pharos] DOWN: <name>} and {@code [Pharos] RECOVERED: <name>}.
 * The Message-ID is derived from the delivery's idempotency key, so a notification sent again (its provider accepted
 * it but the notifier died before recording that) carries the same Message-ID and receivers can drop the copy
 * (reminders excepted, see {@link #send}).
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {


    private final Mailer mailer;
    private final Template text;
    private final Template html;

    public EmailChannel(Mailer mailer, @Location("email/alert.txt") Template text,
                        @Location("email/alert.html") Template html) {
        this.mailer = mailer;
        this.text = text;
        this.html = html;
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
        mailer.send(mail);
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
