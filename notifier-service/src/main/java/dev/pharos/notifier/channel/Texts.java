package dev.pharos.notifier.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The words of a notification, shared by the channels so that every channel says the same thing. */
public final class Texts {

    /** The most an SMS may carry in one GSM-7 segment. */
    public static final int SMS_LENGTH = 160;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /** {@code DOWN}, {@code RECOVERED}, {@code STILL DOWN}, {@code FLAPPING} or {@code TEST}. */
    public static String label(Notification n) {
        return switch (n.transition()) {
            case OPENED -> "DOWN";
            case RESOLVED -> "RECOVERED";
            case REMINDER -> "STILL DOWN";
            case FLAPPING -> "FLAPPING";
            case TEST -> "TEST";
            case NONE -> throw new IllegalArgumentException("nothing to tell for " + n.transition());
        };
    }

    /** {@code DOWN: shop}, {@code RECOVERED: shop}, and so on. */
    public static String title(Notification n) {
        return label(n) + ": " + n.monitorName();
    }

    /** The email subject, {@code [Pharos] DOWN: shop}. */
    public static String subject(Notification n) {
        return "[Pharos] " + title(n);
    }

    /** One sentence saying what happened, {@code shop is DOWN}. */
    public static String headline(Notification n) {
        return switch (n.transition()) {
            case OPENED -> n.monitorName() + " is DOWN";
            case RESOLVED -> n.monitorName() + " has RECOVERED after " + human(n.downFor());
            case REMINDER -> n.monitorName() + " is STILL DOWN after " + human(n.downFor());
            case FLAPPING -> n.monitorName() + " is FLAPPING";
            case TEST -> "Test message for channel '" + n.monitorName() + "'";
            case NONE -> throw new IllegalArgumentException("nothing to tell for " + n.transition());
        };
    }

    /** What follows the headline: name and value, in order. */
    public static List<Row> details(Notification n) {
        return switch (n.transition()) {
            case OPENED, REMINDER -> List.of(new Row("URL", n.monitorUrl()), new Row("Cause", n.cause()),
                    new Row("First failure", time(n.firstFailureAt())));
            case RESOLVED -> List.of(new Row("URL", n.monitorUrl()), new Row("Cause was", n.cause()),
                    new Row("Down since", time(n.firstFailureAt())), new Row("Down for", human(n.downFor())));
            case FLAPPING -> List.of(new Row("URL", n.monitorUrl()), new Row("Changes", n.cause()),
                    new Row("Since", time(n.firstFailureAt())));
            case TEST -> List.of(new Row("Asked for", time(n.firstFailureAt())));
            case NONE -> throw new IllegalArgumentException("nothing to tell for " + n.transition());
        };
    }

    /** The closing line, what happens next. */
    public static String footer(Notification n) {
        return switch (n.transition()) {
            case OPENED -> "Pharos will tell you again when it recovers.";
            case REMINDER -> "Pharos keeps reminding you while it is down.";
            case FLAPPING -> "Pharos stays quiet about this monitor until it is stable again.";
            case TEST -> "If you can read this, Pharos alerts reach you here.";
            case RESOLVED, NONE -> "";
        };
    }

    /** A few lines for chat and push channels. */
    public static String message(Notification n) {
        return switch (n.transition()) {
            case OPENED, REMINDER -> headline(n) + ": " + n.cause() + "\nURL: " + n.monitorUrl()
                    + "\nSince: " + time(n.firstFailureAt());
            case RESOLVED -> headline(n) + "\nURL: " + n.monitorUrl() + "\nCause was: " + n.cause();
            case FLAPPING -> headline(n) + ": " + n.cause() + "\nURL: " + n.monitorUrl() + "\n" + footer(n);
            case TEST -> headline(n) + "\n" + footer(n);
            case NONE -> throw new IllegalArgumentException("nothing to tell for " + n.transition());
        };
    }

    /**
     * One SMS of at most {@value #SMS_LENGTH} characters: the URL goes first when space is short, then the name is
     * shortened, so what happened always stays.
     */
    public static String sms(Notification n) {
        String prefix = "[Pharos] " + label(n) + ": ";
        String suffix = switch (n.transition()) {
            case OPENED -> " - " + n.cause();
            case REMINDER -> " for " + human(n.downFor()) + " - " + n.cause();
            case RESOLVED -> " after " + human(n.downFor());
            case FLAPPING -> " - " + n.cause();
            case TEST, NONE -> " - alerts reach this number";
        };
        String url = n.monitorUrl().isEmpty() ? "" : " - " + n.monitorUrl();
        String withUrl = prefix + n.monitorName() + suffix + url;
        if (withUrl.length() <= SMS_LENGTH) {
            return withUrl;
        }
        int nameBudget = SMS_LENGTH - prefix.length() - suffix.length();
        if (nameBudget >= 20) {
            return prefix + cut(n.monitorName(), nameBudget) + suffix;
        }
        return cut(prefix + cut(n.monitorName(), 40) + suffix, SMS_LENGTH);
    }

    /** One line of a notification's details. */
    public record Row(String name, String value) {

        /** The name and a colon, padded so that values line up in plain text. */
        public String label() {
            return String.format("%-14s", name + ":");
        }
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
