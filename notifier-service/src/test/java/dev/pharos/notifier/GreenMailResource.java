package dev.pharos.notifier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pharos.devstack.Mailbox;
import dev.pharos.devstack.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP and IMAP server (GreenMail) on free ports for the notifier under test. The notifier's email journal is
 * on: every email also goes to {@link #JOURNAL}'s mailbox, read over IMAP; {@link #received()} leaves those copies
 * out.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    /** The journal's address; its mailbox's IMAP login and password follow. */
    public static final String JOURNAL = "journal@pharos.test";
    public static final String JOURNAL_LOGIN = "journal";
    public static final String JOURNAL_PASSWORD = "journal-Pa55-wd";

    private static GreenMail greenMail;
    private static ServerSetup[] setup;

    @Override
    public Map<String, String> start() {
        setup = new ServerSetup[] {
                new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
        bringBack();
        return Map.ofEntries(
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(setup[0].getPort())),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                Map.entry("pharos.notifier.email.journal.address", JOURNAL),
                Map.entry("pharos.notifier.email.journal.imap-host", "127.0.0.1"),
                Map.entry("pharos.notifier.email.journal.imap-port", Integer.toString(imapPort())),
                Map.entry("pharos.notifier.email.journal.imap-user", JOURNAL_LOGIN),
                Map.entry("pharos.notifier.email.journal.imap-password", JOURNAL_PASSWORD),
                Map.entry("pharos.notifier.email.journal.imap-ssl", "false"),
                // quick retries so the outage test stays short
                Map.entry("pharos.notifier.retry-initial-backoff", "200ms"),
                Map.entry("pharos.notifier.retry-max-backoff", "1s"),
                // and a short cool-down of an email circuit opened by an outage
                Map.entry("pharos.notifier.circuit-open-for", "2s"));
    }

    public static int imapPort() {
        return setup[1].getPort();
    }

    /** Every email the owners received, in the order received: the journal's copies left out. */
    public static MimeMessage[] received() {
        return Mailbox.received(greenMail, user -> !user.getEmail().equals(JOURNAL)).toArray(MimeMessage[]::new);
    }

    /** What that address received, in the order received. */
    public static List<MimeMessage> receivedBy(String address) {
        return Mailbox.received(greenMail, user -> user.getEmail().equals(address));
    }

    /** The journal's copies. */
    public static MimeMessage[] journal() {
        return Mailbox.received(greenMail, user -> user.getEmail().equals(JOURNAL)).toArray(MimeMessage[]::new);
    }

    /** Takes the SMTP and IMAP server down, as a provider outage. */
    public static void takeDown() {
        greenMail.stop();
    }

    /** Brings the SMTP and IMAP server back on the same ports, with empty mailboxes. */
    public static void bringBack() {
        greenMail = new GreenMail(setup);
        greenMail.start();
        greenMail.setUser(JOURNAL, JOURNAL_LOGIN, JOURNAL_PASSWORD);
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
