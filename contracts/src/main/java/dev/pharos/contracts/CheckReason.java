package dev.pharos.contracts;

/** Why a check was requested. */
public enum CheckReason {
    /** The monitor's regular slot. */
    SCHEDULED,
    /** An immediate recheck after a failure, to confirm it before alerting. */
    CONFIRM
}
