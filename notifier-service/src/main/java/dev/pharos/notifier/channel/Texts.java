package dev.pharos.notifier.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The words of a notification, shared by the channels so that every channel says the same thing. */
public final class Texts {

    /** The most an SMS may carry in one GSM-7 segment. */
    public static final int SMS_LENGTH = 160;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /** {@code DOWN: shop} or {@code RECOVERED: shop}. */
    public static String title(Notification n) {
        return (n.down() ? "DOWN" : "RECOVERED") + ": " + n.monitorName();
    }

    /** The email subject, {@code [Pharos] DOWN: shop}. */
    public static String subject(Notification n) {
        return "[Pharos] " + title(n);
    }

    /** A few lines for chat and push channels. */
    public static String message(Notification n) {
        if (n.down()) {
            return n.monitorName() + " is DOWN: " + n.cause() + "\nURL: " + n.monitorUrl()
                    + "\nSince: " + time(n.firstFailureAt());
        }
        return n.monitorName() + " has RECOVERED after " + human(n.downFor()) + "\nURL: " + n.monitorUrl()
                + "\nCause was: " + n.cause();
    }

    /**
     * One SMS of at most {@value #SMS_LENGTH} characters: the URL goes first when space is short, then the name is
     * shortened, so what happened always stays.
     */
    public static String sms(Notification n) {
        String prefix = "[Pharos] " + (n.down() ? "DOWN" : "RECOVERED") + ": ";
        String suffix = n.down() ? " - " + n.cause() : " after " + human(n.downFor());
        String withUrl = prefix + n.monitorName() + suffix + " - " + n.monitorUrl();
        if (withUrl.length() <= SMS_LENGTH) {
            return withUrl;
        }
        int nameBudget = SMS_LENGTH - prefix.length() - suffix.length();
        if (nameBudget >= 20) {
            return prefix + cut(n.monitorName(), nameBudget) + suffix;
        }
        return cut(prefix + cut(n.monitorName(), 40) + suffix, SMS_LENGTH);
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code 45 s}, {@code 3 min 5 s} or {@code 2 h 10 min}. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /**
     * At most {@code max} characters; a shortened text ends in {@code ...} (ASCII, so an SMS stays GSM-7) and never
     * splits a surrogate pair.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + "...";
    }
}
