package dev.pharos.devstack;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) standing in for the owner's mail provider. It can be taken down and brought back
 * on the same port, as a provider's outage; what it received before stays readable. {@link #withJournal()} adds the
 * notifier's email journal: a mailbox read over IMAP, whose copies {@link #all()} and {@link #about} leave out.
 */
public final class Mailbox implements AutoCloseable {

    /** The journal's address; its IMAP login and password follow. */
    public static final String JOURNAL = "journal@pharos.test";
    public static final String JOURNAL_LOGIN = "journal";
    public static final String JOURNAL_PASSWORD = "journal-Pa55-wd";

    /** One received email, reduced to what an owner reads, and its Message-ID. */
    public record Mail(String to, String subject, String body, String messageId) {
    }

    private final ServerSetup[] setup;
    /** What earlier runs of the server received, before it was taken down. */
    private final List<Mail> before = new ArrayList<>();
    private GreenMail greenMail;

    /** SMTP only, no journal. */
    public Mailbox() {
        this(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    private Mailbox(ServerSetup... setup) {
        this.setup = setup;
        bringBack();
    }

    /** SMTP, and IMAP for the journal's mailbox; {@link #journalEnvironment()} points the notifier at it. */
    public static Mailbox withJournal() {
        return new Mailbox(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    }

    /** The SMTP port. */
    public int port() {
        return setup[0].getPort();
    }

    /** The IMAP port, when there is a journal. */
    public OptionalInt imapPort() {
        return setup.length > 1 ? OptionalInt.of(setup[1].getPort()) : OptionalInt.empty();
    }

    /** The notifier's environment that turns its email journal on, here. */
    public Map<String, String> journalEnvironment() {
        int imap = imapPort().orElseThrow(() -> new IllegalStateException("this mailbox has no journal"));
        return Map.of(
                "PHAROS_NOTIFIER_EMAIL_JOURNAL_ADDRESS", JOURNAL,
                "PHAROS_NOTIFIER_EMAIL_JOURNAL_IMAP_HOST", "127.0.0.1",
                "PHAROS_NOTIFIER_EMAIL_JOURNAL_IMAP_PORT", Integer.toString(imap),
                "PHAROS_NOTIFIER_EMAIL_JOURNAL_IMAP_USER", JOURNAL_LOGIN,
                "PHAROS_NOTIFIER_EMAIL_JOURNAL_IMAP_PASSWORD", JOURNAL_PASSWORD,
                "PHAROS_NOTIFIER_EMAIL_JOURNAL_IMAP_SSL", "false");
    }

    /** Every email received so far whose subject ends with ": " + monitor name. */
    public List<Mail> about(String monitorName) {
        return all().stream().filter(m -> m.subject().endsWith(": " + monitorName)).toList();
    }

    /** Every email the owners received so far, in the order received; the journal's copies left out. */
    public synchronized List<Mail> all() {
        var all = new ArrayList<>(before);
        if (greenMail != null) {
            all.addAll(find(user -> !user.getEmail().equals(JOURNAL)));
        }
        return all;
    }

    /** The journal's copies received since the server last started. */
    public synchronized List<Mail> journal() {
        return greenMail == null ? List.of() : find(user -> user.getEmail().equals(JOURNAL));
    }

    private List<Mail> find(Predicate<GreenMailUser> users) {
        return received(greenMail, users).stream().map(Mailbox::read).toList();
    }

    /**
     * The messages in these users' mailboxes of a GreenMail server. GreenMail's search walks a mailbox's live list,
     * so an email delivered meanwhile makes it throw: it is then read again.
     */
    public static List<MimeMessage> received(GreenMail greenMail, Predicate<GreenMailUser> users) {
        for (int attempt = 1; ; attempt++) {
            try {
                return greenMail.findReceivedMessages(users, message -> true).toList();
            } catch (ConcurrentModificationException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Stops the SMTP (and IMAP) server: connections are refused until {@link #bringBack()}. */
    public synchronized void takeDown() {
        if (greenMail != null) {
            before.addAll(all().subList(before.size(), all().size()));
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Starts the SMTP (and IMAP) server again on the same ports. */
    public synchronized void bringBack() {
        if (greenMail == null) {
            greenMail = new GreenMail(setup);
            greenMail.start();
            if (imapPort().isPresent()) {
                greenMail.setUser(JOURNAL, JOURNAL_LOGIN, JOURNAL_PASSWORD);
            }
        }
    }

    private static Mail read(MimeMessage message) {
        try {
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(), plainText(message),
                    message.getMessageID());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    /** The text/plain part of an email (alerts come as text and HTML alternatives). */
    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    @Override
    public synchronized void close() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
