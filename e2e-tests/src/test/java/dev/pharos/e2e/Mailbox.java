package dev.pharos.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pharos.devstack.Ports;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) standing in for the owner's mail provider. */
final class Mailbox implements AutoCloseable {

    /** One received email, reduced to what an owner reads, and its Message-ID. */
    record Mail(String to, String subject, String body, String messageId) {
    }

    private final GreenMail greenMail;

    Mailbox() {
        greenMail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every email received so far whose subject ends with ": " + monitor name. */
    List<Mail> about(String monitorName) {
        return Arrays.stream(greenMail.getReceivedMessages()).map(Mailbox::read)
                .filter(m -> m.subject().endsWith(": " + monitorName))
                .toList();
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
    public void close() {
        greenMail.stop();
    }
}
