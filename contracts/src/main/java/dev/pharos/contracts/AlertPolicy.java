package dev.pharos.contracts;

/**
 * When a monitor's failures become an incident, when it closes, and whether to remind while it is down.
 *
 * @param failuresToOpen   consecutive failed checks before the monitor is DOWN
 * @param successesToClose consecutive good checks before it is UP again
 * @param reminderMinutes  while DOWN, remind every this many minutes; null for no reminders
 */
public record AlertPolicy(int failuresToOpen, int successesToClose, Integer reminderMinutes) {

    public static final AlertPolicy DEFAULT = new AlertPolicy(2, 1, null);

    public AlertPolicy(int failuresToOpen, int successesToClose) {
        this(failuresToOpen, successesToClose, null);
    }
}
