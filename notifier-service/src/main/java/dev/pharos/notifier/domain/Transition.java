package dev.pharos.notifier.domain;

/** A change worth telling the owner about. */
public enum Transition {
    NONE,
    /** Confirmed down: an incident opens. */
    OPENED,
    /** Up again: the incident resolves. */
    RESOLVED,
    /** Still down after the monitor's reminder interval. */
    REMINDER,
    /** Changing state too often to alert on each change: one notice, then quiet until it is stable. */
    FLAPPING,
    /** A test message the owner asked for, to see that a channel works. */
    TEST;

    /** Whether the message reports trouble (and deserves a channel's urgent look). */
    public boolean alarming() {
        return this == OPENED || this == REMINDER || this == FLAPPING;
    }
}
