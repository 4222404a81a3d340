package dev.pharos.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) standing in for the owner's mail provider. It can be taken down and brought back
 * on the same port, as a provider's outage; what it received before stays readable.
 */
public final class Mailbox implements AutoCloseable {

    /** One received email, reduced to what an owner reads, and its Message-ID. */
    public record Mail(String to, String subject, String body, String messageId) {
    }

    private final ServerSetup setup;
    /** What earlier runs of the server received, before it was taken down. */
    private final List<Mail> before = new ArrayList<>();
    private GreenMail greenMail;

    public Mailbox() {
        setup = new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = new GreenMail(setup);
        greenMail.start();
    }

    public int port() {
        return setup.getPort();
    }

    /** Every email received so far whose subject ends with ": " + monitor name. */
    public List<Mail> about(String monitorName) {
        return all().stream().filter(m -> m.subject().endsWith(": " + monitorName)).toList();
    }

    /** Every email received so far, in the order received. */
    public synchronized List<Mail> all() {
        var all = new ArrayList<>(before);
        if (greenMail != null) {
            Arrays.stream(greenMail.getReceivedMessages()).map(Mailbox::read).forEach(all::add);
        }
        return all;
    }

    /** Stops the SMTP server: connections are refused until {@link #bringBack()}. */
    public synchronized void takeDown() {
        if (greenMail != null) {
            before.addAll(all().subList(before.size(), all().size()));
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Starts the SMTP server again on the same port. */
    public synchronized void bringBack() {
        if (greenMail == null) {
            greenMail = new GreenMail(setup);
            greenMail.start();
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
