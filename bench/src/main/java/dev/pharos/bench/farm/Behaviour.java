package dev.pharos.bench.farm;

/**
 * What a farm host does with a connection. The shares add up to 100: every block of 100 consecutive hosts holds
 * exactly {@link #percent} hosts of each behaviour, so any host count that is a multiple of 100 has exact proportions.
 */
public enum Behaviour {
    /** Answers 200. */
    OK(85, 200),
    /** Answers 503. */
    UNAVAILABLE(5, 503),
    /** Answers 404. */
    NOT_FOUND(4, 404),
    /** Answers 301 with a Location on an {@link #OK} host of the farm. */
    MOVED(1, 301),
    /** Accepts the connection, reads the request and never answers, holding the connection open. */
    NEVER(3, 0),
    /** Nothing listens: its URLs use a port where the farm is not. */
    REFUSED(2, 0);

    private final int percent;
    private final int status;

    Behaviour(int percent, int status) {
        this.percent = percent;
        this.status = status;
    }

    public int percent() {
        return percent;
    }

    /** The HTTP status it answers with, 0 when it answers none. */
    public int status() {
        return status;
    }

    /** The behaviour of position {@code slot} (0–99) in a block of 100 hosts: first all OK, then 503, and so on. */
    static Behaviour ofSlot(int slot) {
        if (slot < 0 || slot >= 100) {
            throw new IllegalArgumentException("slot must be 0-99, not " + slot);
        }
        int end = 0;
        for (Behaviour behaviour : values()) {
            end += behaviour.percent;
            if (slot < end) {
                return behaviour;
            }
        }
        throw new IllegalStateException("the shares add up to " + end + ", not 100");
    }
}
