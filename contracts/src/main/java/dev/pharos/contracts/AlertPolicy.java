package dev.pharos.contracts;

/**
 * When a monitor's failures become an incident and when it closes.
 *
 * @param failuresToOpen   consecutive failed checks before the monitor is DOWN
 * @param successesToClose consecutive good checks before it is UP again
 */
public record AlertPolicy(int failuresToOpen, int successesToClose) {

    public static final AlertPolicy DEFAULT = new AlertPolicy(2, 1);
}
