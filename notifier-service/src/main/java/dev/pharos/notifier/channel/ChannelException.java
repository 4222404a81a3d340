package dev.pharos.notifier.channel;

/**
 * A provider refused a notification or could not be reached. The message is safe to log and to store: it carries no
 * secret, and no cause is attached because a cause's message may contain the request's URL and so a token.
 */
public class ChannelException extends Exception {

    public ChannelException(String message) {
        super(message, null, false, false);
    }
}
