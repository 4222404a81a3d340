package dev.pharos.notifier.channel;

import dev.pharos.notifier.config.NotifierConfig;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.MessageIDTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * The email journal: a mailbox that receives a blind copy of every alert email in the same SMTP transaction as its
 * owner (the mailer fails the send if any recipient is refused), read over IMAP. An email's Message-ID found there
 * proves the SMTP server accepted it. A relay delivers the copy after accepting it: one that reaches the journal only
 * after the delivery's lease (2 min by default) is not seen, and the email is sent again.
 */
public final class MailJournal {

    private static final String PREFIX = "pharos.notifier.email.journal.";
    /** IMAP dates have no time of day and the server's time zone: the search reaches a day further back. */
    private static final Duration DATE_MARGIN = Duration.ofDays(1);

    private final String address;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String folder;
    private final String protocol;
    private final Properties properties = new Properties();

    private MailJournal(NotifierConfig.Journal config, String address) {
        this.address = address;
        this.host = required(config.imapHost(), "imap-host");
        this.user = required(config.imapUser(), "imap-user");
        this.password = required(config.imapPassword(), "imap-password");
        this.port = config.imapPort();
        if (port < 1 || port > 65535) {
            throw new IllegalStateException("configuration: " + PREFIX + "imap-port must be 1-65535, not " + port);
        }
        this.folder = config.imapFolder();
        if (folder.isBlank()) {
            throw new IllegalStateException("configuration: " + PREFIX + "imap-folder must not be blank");
        }
        Duration timeout = config.imapTimeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("configuration: " + PREFIX + "imap-timeout must be positive, not "
                    + timeout);
        }
        this.protocol = config.imapSsl() ? "imaps" : "imap";
        String millis = Long.toString(timeout.toMillis());
        properties.setProperty("mail." + protocol + ".connectiontimeout", millis);
        properties.setProperty("mail." + protocol + ".timeout", millis);
        properties.setProperty("mail." + protocol + ".writetimeout", millis);
        properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
    }

    /**
     * The journal the settings describe, or empty when {@code address} is unset.
     *
     * @throws IllegalStateException naming the property, when the journal is on and a setting is missing or wrong
     */
    public static Optional<MailJournal> of(NotifierConfig.Journal config) {
        return config.address().filter(a -> !a.isBlank()).map(address -> {
            try {
                new InternetAddress(address, true).validate();
            } catch (AddressException e) {
                throw new IllegalStateException("configuration: " + PREFIX + "address must be an email address,"
                        + " such as pharos-journal@example.com");
            }
            return new MailJournal(config, address);
        });
    }

    private static String required(Optional<String> value, String property) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException("configuration: "
                + PREFIX + property + " is not set; the journal needs it when " + PREFIX + "address is set"));
    }

    /** The address that receives the blind copies. */
    public String address() {
        return address;
    }

    /**
     * Whether an email with this Message-ID reached the journal at {@code since} or later (a day earlier at most).
     *
     * @throws ChannelException when the journal could not be searched; the message never contains the password
     */
    public boolean contains(String messageId, Instant since) throws ChannelException {
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore(protocol)) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder(folder);
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.search(new AndTerm(new MessageIDTerm(messageId),
                        new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since.minus(DATE_MARGIN))))).length > 0;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new ChannelException("email journal: cannot search " + protocol + "://" + user + "@" + host + ":"
                    + port + "/" + folder + ": " + describe(e));
        }
    }

    /** The exception and its causes, in one line, without the password (a server might echo it). */
    private String describe(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.isEmpty() ? "" : "; ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString().replace(password, "…").replaceAll("\\s+", " ");
    }
}
