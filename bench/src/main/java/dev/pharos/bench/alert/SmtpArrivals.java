package dev.pharos.bench.alert;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pharos.devstack.Ports;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The owner's SMTP server (GreenMail on loopback), with the time each email was accepted: a thread looks for new
 * messages every {@link #POLL}, so an arrival time is late by at most that.
 */
public final class SmtpArrivals implements AutoCloseable {

    public static final Duration POLL = Duration.ofMillis(10);

    /** One accepted email. */
    public record Arrival(String subject, Instant at) {
    }

    private final GreenMail greenMail;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread watcher;

    private SmtpArrivals(GreenMail greenMail) {
        this.greenMail = greenMail;
        this.watcher = new Thread(this::watch, "smtp-arrivals");
        this.watcher.setDaemon(true);
    }

    public static SmtpArrivals start() {
        var greenMail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        var smtp = new SmtpArrivals(greenMail);
        smtp.watcher.start();
        return smtp;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    private void watch() {
        int seen = 0;
        while (!Thread.currentThread().isInterrupted()) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            Instant now = Instant.now();
            for (; seen < received.length; seen++) {
                synchronized (arrivals) {
                    arrivals.add(new Arrival(subject(received[seen]), now));
                    arrivals.notifyAll();
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "(unreadable)";
        }
    }

    /** Waits until {@code count} emails with this subject have arrived and returns the last of them. */
    public Arrival await(String subject, int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                List<Arrival> matching = arrivals.stream().filter(a -> a.subject().equals(subject)).toList();
                if (matching.size() >= count) {
                    return matching.get(count - 1);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no email '" + subject + "' number " + count + " within " + timeout);
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** How many emails with this subject have arrived. */
    public long count(String subject) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> a.subject().equals(subject)).count();
        }
    }

    @Override
    public void close() {
        watcher.interrupt();
        greenMail.stop();
    }
}
