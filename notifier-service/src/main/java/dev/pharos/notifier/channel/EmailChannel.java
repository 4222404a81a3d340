package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Transition;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Email over SMTP with quarkus-mailer: a plain-text and an HTML part from the Qute templates {@code email/alert.txt}
 * and {@code email/alert.html}. Subjects: {@code [Pharos] DOWN: <name>} and {@code [Pharos] RECOVERED: <name>}.
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
        mailer.send(Mail.withText(contact.target(), Texts.subject(n), render(text, n))
                .setHtml(render(html, n)));
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
