package dev.pharos.notifier.channel;

import dev.pharos.notifier.domain.Transition;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Email over SMTP with quarkus-mailer. Subjects: {@code [Pharos] DOWN: <name>} and {@code [Pharos] RECOVERED: <name>}. */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Mailer mailer;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public void validate(String target) {
        if (target == null || !ADDRESS.matcher(target).matches() || target.length() > 320) {
            throw new IllegalArgumentException("not an email address: " + target);
        }
    }

    @Override
    public void send(Notification n, String target) {
        validate(target);
        mailer.send(Mail.withText(target, subject(n), body(n)));
    }

    static String subject(Notification n) {
        return "[Pharos] " + (n.transition() == Transition.OPENED ? "DOWN" : "RECOVERED") + ": " + n.monitorName();
    }

    static String body(Notification n) {
        if (n.transition() == Transition.OPENED) {
            return """
                    %s is DOWN.

                    URL:           %s
                    Cause:         %s
                    First failure: %s

                    Pharos will email again when it recovers.
                    Incident %s
                    """.formatted(n.monitorName(), n.monitorUrl(), n.cause(), TIME.format(n.firstFailureAt()),
                    n.incidentId());
        }
        return """
                %s has RECOVERED.

                URL:           %s
                Cause was:     %s
                Down since:    %s
                Down for:      %s

                Incident %s
                """.formatted(n.monitorName(), n.monitorUrl(), n.cause(), TIME.format(n.firstFailureAt()),
                human(n.downFor()), n.incidentId());
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
