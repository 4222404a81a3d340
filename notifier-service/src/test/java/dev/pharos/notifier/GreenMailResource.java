package dev.pharos.notifier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pharos.devstack.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port for the notifier under test. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;
    private static ServerSetup setup;

    public static GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        setup = new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = new GreenMail(setup);
        greenMail.start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(setup.getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                // quick retries so the outage test stays short
                "pharos.notifier.retry-initial-backoff", "200ms",
                "pharos.notifier.retry-max-backoff", "1s",
                // and a short cool-down of an email circuit opened by an outage
                "pharos.notifier.circuit-open-for", "2s");
    }

    /** Takes the SMTP server down, as a provider outage. */
    public static void takeDown() {
        greenMail.stop();
    }

    /** Brings an SMTP server back on the same port, with an empty mailbox. */
    public static void bringBack() {
        greenMail = new GreenMail(setup);
        greenMail.start();
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /** The message's {@code text/plain} part, line ends as LF. */
    public static String textOf(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The message's {@code text/html} part, line ends as LF. */
    public static String htmlOf(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString().replace("\r\n", "\n");
            }
            if (part.isMimeType("multipart/*")) {
                var multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String found = part(child, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
