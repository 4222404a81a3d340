package dev.pharos.notifier.domain;

/** What the notifier believes about a monitor. */
public enum AlertStatus {
    /** No result yet. */
    UNKNOWN,
    UP,
    /** Confirmed down: an incident is open. */
    DOWN
}
