package dev.pharos.notifier.domain;

/** A change worth telling the owner about. */
public enum Transition {
    NONE,
    /** Confirmed down: an incident opens. */
    OPENED,
    /** Up again: the incident resolves. */
    RESOLVED
}
