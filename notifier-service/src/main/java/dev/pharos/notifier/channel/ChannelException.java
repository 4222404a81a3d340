package dev.pharos.notifier.channel;

/**
 * A provider refused a notification or could not be reached. The message is safe to log and to store: it carries no
 * secret, and no cause is attached because a cause's message may contain the request's URL and so a token.
 */
public class ChannelException extends Exception {

    private final boolean mayHaveArrived;

    public ChannelException(String message) {
        this(message, false);
    }

    /**
     * @param mayHaveArrived the request was sent but no answer came in time: the provider may have accepted it, so
     *                       the next attempt asks before sending again
     */
    public ChannelException(String message, boolean mayHaveArrived) {
        super(message, null, false, false);
        this.mayHaveArrived = mayHaveArrived;
    }

    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
