package dev.pharos.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A local SMTP server for {@code ./pharos up} when no SMTP server is configured: it accepts every email, saves each
 * as an {@code .eml} file and prints its subject, so alerts are visible without an email account.
 */
public final class MailSink implements AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final GreenMail greenMail;
    private final Path folder;
    private final PrintStream console;
    private final Thread saver;
    private int saved;

    private MailSink(GreenMail greenMail, Path folder, PrintStream console) {
        this.greenMail = greenMail;
        this.folder = folder;
        this.console = console;
        this.saver = new Thread(this::saveLoop, "pharos-mail-sink");
        this.saver.setDaemon(true);
    }

    public static MailSink start(int port, Path folder, PrintStream console) throws IOException {
        Files.createDirectories(folder);
        var greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        var sink = new MailSink(greenMail, folder, console);
        sink.saver.start();
        return sink;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public Path folder() {
        return folder;
    }

    private void saveLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (; saved < received.length; saved++) {
                save(received[saved], saved + 1);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void save(MimeMessage message, int number) {
        Path file = folder.resolve(FILE_TIME.format(LocalDateTime.now()) + "-" + number + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
            console.printf("Email to %s: %s  (%s)%n", String.join(", ", recipients(message)), message.getSubject(),
                    file);
        } catch (IOException | MessagingException e) {
            console.println("Could not save a received email: " + e.getMessage());
        }
    }

    private static String[] recipients(MimeMessage message) throws MessagingException {
        var to = message.getAllRecipients();
        var result = new String[to == null ? 0 : to.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = to[i].toString();
        }
        return result;
    }

    @Override
    public void close() {
        saver.interrupt();
        greenMail.stop();
    }
}
